# 'Compression trade-off: exact_match against sparsity'
# Regenerate: gnuplot compression-sparsity.gp (run in this folder)
set terminal svg size 800,520 dynamic font 'Helvetica,13' background rgb 'white'
set output 'compression-sparsity.svg'
set title 'Compression: exact_match vs sparsity'
set xlabel 'sparsity'
set ylabel 'exact_match'
set grid lc rgb '#dddddd'
set key outside right top box opaque font ',10'
set border 3
set tics nomirror
set termoption noenhanced
plot 'compression-sparsity.dat' index 0 using 1:2:3:4 with yerrorlines lw 2 pt 7 lc 1 title 'prune.nm'
