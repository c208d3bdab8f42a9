# Learning-rate sensitivity
# Regenerate: gnuplot learning-rate.gp (run in this folder)
set terminal svg size 800,520 dynamic font 'Helvetica,13' background rgb 'white'
set output 'learning-rate.svg'
set title 'Learning-rate sensitivity'
set xlabel 'learning rate'
set ylabel 'eval.loss'
set grid lc rgb '#dddddd'
set key outside right top box opaque font ',10'
set border 3
set tics nomirror
set termoption noenhanced
set logscale x
set format x '%g'
plot 'learning-rate.dat' index 0 using 1:2:3:4 with yerrorlines lw 2 pt 7 lc 1 title 'depth=2 norm=layernorm placement=pre', \
     'learning-rate.dat' index 1 using 1:2:3:4 with yerrorlines lw 2 pt 7 lc 2 title 'depth=2 norm=rmsnorm placement=pre', \
     'learning-rate.dat' index 2 using 1:2:3:4 with yerrorlines lw 2 pt 7 lc 3 title 'depth=2 norm=layernorm-noscale placement=pre', \
     'learning-rate.dat' index 3 using 1:2:3:4 with yerrorlines lw 2 pt 7 lc 4 title 'depth=2 norm=batchnorm placement=pre', \
     'learning-rate.dat' index 4 using 1:2:3:4 with yerrorlines lw 2 pt 7 lc 5 title 'depth=2 norm=powernorm placement=pre', \
     'learning-rate.dat' index 5 using 1:2:3:4 with yerrorlines lw 2 pt 7 lc 6 title 'depth=2 norm=dyt placement=pre', \
     'learning-rate.dat' index 6 using 1:2:3:4 with yerrorlines lw 2 pt 7 lc 7 title 'depth=2 norm=none placement=pre', \
     'learning-rate.dat' index 7 using 1:2:3:4 with yerrorlines lw 2 pt 7 lc 8 title 'depth=2 norm=layernorm placement=post', \
     'learning-rate.dat' index 8 using 1:2:3:4 with yerrorlines lw 2 pt 7 lc 9 title 'depth=2 norm=layernorm placement=mix', \
     'learning-rate.dat' index 9 using 1:2:3:4 with yerrorlines lw 2 pt 7 lc 10 title 'depth=2 norm=layernorm placement=depth-scaled', \
     'learning-rate.dat' index 10 using 1:2:3:4 with yerrorlines lw 2 pt 7 lc 11 title 'depth=4 norm=layernorm placement=pre', \
     'learning-rate.dat' index 11 using 1:2:3:4 with yerrorlines lw 2 pt 7 lc 12 title 'depth=4 norm=rmsnorm placement=pre', \
     'learning-rate.dat' index 12 using 1:2:3:4 with yerrorlines lw 2 pt 7 lc 13 title 'depth=4 norm=layernorm-noscale placement=pre', \
     'learning-rate.dat' index 13 using 1:2:3:4 with yerrorlines lw 2 pt 7 lc 14 title 'depth=4 norm=batchnorm placement=pre', \
     'learning-rate.dat' index 14 using 1:2:3:4 with yerrorlines lw 2 pt 7 lc 15 title 'depth=4 norm=powernorm placement=pre', \
     'learning-rate.dat' index 15 using 1:2:3:4 with yerrorlines lw 2 pt 7 lc 16 title 'depth=4 norm=dyt placement=pre', \
     'learning-rate.dat' index 16 using 1:2:3:4 with yerrorlines lw 2 pt 7 lc 17 title 'depth=4 norm=none placement=pre', \
     'learning-rate.dat' index 17 using 1:2:3:4 with yerrorlines lw 2 pt 7 lc 18 title 'depth=4 norm=layernorm placement=post', \
     'learning-rate.dat' index 18 using 1:2:3:4 with yerrorlines lw 2 pt 7 lc 19 title 'depth=4 norm=layernorm placement=mix', \
     'learning-rate.dat' index 19 using 1:2:3:4 with yerrorlines lw 2 pt 7 lc 20 title 'depth=4 norm=layernorm placement=depth-scaled'
