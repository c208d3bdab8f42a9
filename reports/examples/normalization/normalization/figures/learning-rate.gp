# 'Learning-rate sensitivity'
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
plot 'learning-rate.dat' index 0 using 1:2:3:4 with yerrorlines lw 2 pt 7 lc 1 title 'arch=[] bias=true depth=2 norm=layernorm placement=pre', \
     'learning-rate.dat' index 1 using 1:2:3:4 with yerrorlines lw 2 pt 7 lc 2 title 'arch=[] bias=true depth=2 norm=rmsnorm placement=pre', \
     'learning-rate.dat' index 2 using 1:2:3:4 with yerrorlines lw 2 pt 7 lc 3 title 'arch=[] bias=true depth=2 norm=layernorm-noscale placement=pre', \
     'learning-rate.dat' index 3 using 1:2:3:4 with yerrorlines lw 2 pt 7 lc 4 title 'arch=[] bias=true depth=2 norm=batchnorm placement=pre', \
     'learning-rate.dat' index 4 using 1:2:3:4 with yerrorlines lw 2 pt 7 lc 5 title 'arch=[] bias=true depth=2 norm=powernorm placement=pre', \
     'learning-rate.dat' index 5 using 1:2:3:4 with yerrorlines lw 2 pt 7 lc 6 title 'arch=[] bias=true depth=2 norm=dyt placement=pre', \
     'learning-rate.dat' index 6 using 1:2:3:4 with yerrorlines lw 2 pt 7 lc 7 title 'arch=[] bias=true depth=2 norm=none placement=pre', \
     'learning-rate.dat' index 7 using 1:2:3:4 with yerrorlines lw 2 pt 7 lc 8 title 'arch=[] bias=true depth=2 norm=layernorm placement=post', \
     'learning-rate.dat' index 8 using 1:2:3:4 with yerrorlines lw 2 pt 7 lc 9 title 'arch=[] bias=true depth=2 norm=layernorm placement=mix', \
     'learning-rate.dat' index 9 using 1:2:3:4 with yerrorlines lw 2 pt 7 lc 10 title 'arch=[] bias=true depth=2 norm=layernorm placement=depth-scaled', \
     'learning-rate.dat' index 10 using 1:2:3:4 with yerrorlines lw 2 pt 7 lc 11 title 'arch=[arch.embedding-scale] bias=false depth=2 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre', \
     'learning-rate.dat' index 11 using 1:2:3:4 with yerrorlines lw 2 pt 7 lc 12 title 'arch=[] bias=false depth=2 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre', \
     'learning-rate.dat' index 12 using 1:2:3:4 with yerrorlines lw 2 pt 7 lc 13 title 'arch=[] bias=true depth=4 norm=layernorm placement=pre', \
     'learning-rate.dat' index 13 using 1:2:3:4 with yerrorlines lw 2 pt 7 lc 14 title 'arch=[] bias=true depth=4 norm=rmsnorm placement=pre', \
     'learning-rate.dat' index 14 using 1:2:3:4 with yerrorlines lw 2 pt 7 lc 15 title 'arch=[] bias=true depth=4 norm=layernorm-noscale placement=pre', \
     'learning-rate.dat' index 15 using 1:2:3:4 with yerrorlines lw 2 pt 7 lc 16 title 'arch=[] bias=true depth=4 norm=batchnorm placement=pre', \
     'learning-rate.dat' index 16 using 1:2:3:4 with yerrorlines lw 2 pt 7 lc 17 title 'arch=[] bias=true depth=4 norm=powernorm placement=pre', \
     'learning-rate.dat' index 17 using 1:2:3:4 with yerrorlines lw 2 pt 7 lc 18 title 'arch=[] bias=true depth=4 norm=dyt placement=pre', \
     'learning-rate.dat' index 18 using 1:2:3:4 with yerrorlines lw 2 pt 7 lc 19 title 'arch=[] bias=true depth=4 norm=none placement=pre', \
     'learning-rate.dat' index 19 using 1:2:3:4 with yerrorlines lw 2 pt 7 lc 20 title 'arch=[] bias=true depth=4 norm=layernorm placement=post', \
     'learning-rate.dat' index 20 using 1:2:3:4 with yerrorlines lw 2 pt 7 lc 21 title 'arch=[] bias=true depth=4 norm=layernorm placement=mix', \
     'learning-rate.dat' index 21 using 1:2:3:4 with yerrorlines lw 2 pt 7 lc 22 title 'arch=[] bias=true depth=4 norm=layernorm placement=depth-scaled', \
     'learning-rate.dat' index 22 using 1:2:3:4 with yerrorlines lw 2 pt 7 lc 23 title 'arch=[arch.embedding-scale] bias=false depth=4 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre', \
     'learning-rate.dat' index 23 using 1:2:3:4 with yerrorlines lw 2 pt 7 lc 24 title 'arch=[] bias=false depth=4 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre'
