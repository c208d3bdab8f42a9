# 'Scaling: eval.loss against params'
# Regenerate: gnuplot scaling.gp (run in this folder)
set terminal svg size 800,520 dynamic font 'Helvetica,13' background rgb 'white'
set output 'scaling.svg'
set title 'Scaling: eval.loss vs params'
set xlabel 'params'
set ylabel 'eval.loss'
set grid lc rgb '#dddddd'
set key outside right top box opaque font ',10'
set border 3
set tics nomirror
set termoption noenhanced
set logscale x
set format x '%g'
set logscale y
set style fill transparent solid 0.15 noborder
plot 'scaling.dat' index 0 using 1:2:3:4 with yerrorbars pt 7 lc 3 title 'norm.none', \
     '' index 1 using 1:3:4 with filledcurves fs transparent solid 0.15 noborder lc 3 notitle, \
     '' index 1 using 1:2 with lines lw 2 lc 3 title 'norm.none fit.power fit', \
     '' index 2 using 1:2 with points pt 4 ps 2.2 lw 2 lc 3 title 'norm.none held out'
