# Training loss by configuration
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
plot 'training-loss.dat' index 0 using 1:3:4 with filledcurves lc 1 notitle, '' index 0 using 1:2 with lines lw 2 lc 1 title 'ffn=mlp norm=layernorm', \
     'training-loss.dat' index 1 using 1:3:4 with filledcurves lc 2 notitle, '' index 1 using 1:2 with lines lw 2 lc 2 title 'ffn=swiglu norm=layernorm', \
     'training-loss.dat' index 2 using 1:3:4 with filledcurves lc 3 notitle, '' index 2 using 1:2 with lines lw 2 lc 3 title 'ffn=mlp norm=rmsnorm', \
     'training-loss.dat' index 3 using 1:3:4 with filledcurves lc 4 notitle, '' index 3 using 1:2 with lines lw 2 lc 4 title 'ffn=swiglu norm=rmsnorm', \
     'training-loss.dat' index 4 using 1:3:4 with filledcurves lc 5 notitle, '' index 4 using 1:2 with lines lw 2 lc 5 title 'ffn=mlp norm=dyt', \
     'training-loss.dat' index 5 using 1:3:4 with filledcurves lc 6 notitle, '' index 5 using 1:2 with lines lw 2 lc 6 title 'ffn=swiglu norm=dyt'
