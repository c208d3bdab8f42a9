# 'Training loss by configuration'
# Regenerate: gnuplot training-loss.gp (run in this folder)
set terminal svg size 800,520 dynamic font 'Helvetica,13' background rgb 'white'
set output 'training-loss.svg'
set title 'Training loss'
set xlabel 'step'
set ylabel 'loss'
set grid lc rgb '#dddddd'
set key outside right top box opaque font ',10'
set border 3
set tics nomirror
set termoption noenhanced
set logscale y
set style fill transparent solid 0.18 noborder
plot 'training-loss.dat' index 0 using 1:3:4 with filledcurves lc 1 notitle, '' index 0 using 1:2 with lines lw 2 lc 1 title 'ffn=mlp norm=layernorm width=16', \
     'training-loss.dat' index 1 using 1:3:4 with filledcurves lc 2 notitle, '' index 1 using 1:2 with lines lw 2 lc 2 title 'ffn=mlp norm=layernorm width=32', \
     'training-loss.dat' index 2 using 1:3:4 with filledcurves lc 3 notitle, '' index 2 using 1:2 with lines lw 2 lc 3 title 'ffn=mlp norm=layernorm width=64', \
     'training-loss.dat' index 3 using 1:3:4 with filledcurves lc 4 notitle, '' index 3 using 1:2 with lines lw 2 lc 4 title 'ffn=swiglu norm=layernorm width=16', \
     'training-loss.dat' index 4 using 1:3:4 with filledcurves lc 5 notitle, '' index 4 using 1:2 with lines lw 2 lc 5 title 'ffn=swiglu norm=layernorm width=32', \
     'training-loss.dat' index 5 using 1:3:4 with filledcurves lc 6 notitle, '' index 5 using 1:2 with lines lw 2 lc 6 title 'ffn=swiglu norm=layernorm width=64', \
     'training-loss.dat' index 6 using 1:3:4 with filledcurves lc 7 notitle, '' index 6 using 1:2 with lines lw 2 lc 7 title 'ffn=mlp norm=rmsnorm width=16', \
     'training-loss.dat' index 7 using 1:3:4 with filledcurves lc 8 notitle, '' index 7 using 1:2 with lines lw 2 lc 8 title 'ffn=mlp norm=rmsnorm width=32', \
     'training-loss.dat' index 8 using 1:3:4 with filledcurves lc 9 notitle, '' index 8 using 1:2 with lines lw 2 lc 9 title 'ffn=mlp norm=rmsnorm width=64', \
     'training-loss.dat' index 9 using 1:3:4 with filledcurves lc 10 notitle, '' index 9 using 1:2 with lines lw 2 lc 10 title 'ffn=swiglu norm=rmsnorm width=16', \
     'training-loss.dat' index 10 using 1:3:4 with filledcurves lc 11 notitle, '' index 10 using 1:2 with lines lw 2 lc 11 title 'ffn=swiglu norm=rmsnorm width=32', \
     'training-loss.dat' index 11 using 1:3:4 with filledcurves lc 12 notitle, '' index 11 using 1:2 with lines lw 2 lc 12 title 'ffn=swiglu norm=rmsnorm width=64', \
     'training-loss.dat' index 12 using 1:3:4 with filledcurves lc 13 notitle, '' index 12 using 1:2 with lines lw 2 lc 13 title 'ffn=mlp norm=none width=16', \
     'training-loss.dat' index 13 using 1:3:4 with filledcurves lc 14 notitle, '' index 13 using 1:2 with lines lw 2 lc 14 title 'ffn=mlp norm=none width=32', \
     'training-loss.dat' index 14 using 1:3:4 with filledcurves lc 15 notitle, '' index 14 using 1:2 with lines lw 2 lc 15 title 'ffn=mlp norm=none width=64', \
     'training-loss.dat' index 15 using 1:3:4 with filledcurves lc 16 notitle, '' index 15 using 1:2 with lines lw 2 lc 16 title 'ffn=swiglu norm=none width=16', \
     'training-loss.dat' index 16 using 1:3:4 with filledcurves lc 17 notitle, '' index 16 using 1:2 with lines lw 2 lc 17 title 'ffn=swiglu norm=none width=32', \
     'training-loss.dat' index 17 using 1:3:4 with filledcurves lc 18 notitle, '' index 17 using 1:2 with lines lw 2 lc 18 title 'ffn=swiglu norm=none width=64'
