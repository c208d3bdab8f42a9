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
plot 'training-loss.dat' index 0 using 1:3:4 with filledcurves lc 1 notitle, '' index 0 using 1:2 with lines lw 2 lc 1 title 'arch=[] bias=true depth=2 norm=layernorm placement=pre lr=0.001', \
     'training-loss.dat' index 1 using 1:3:4 with filledcurves lc 2 notitle, '' index 1 using 1:2 with lines lw 2 lc 2 title 'arch=[] bias=true depth=2 norm=rmsnorm placement=pre lr=0.001', \
     'training-loss.dat' index 2 using 1:3:4 with filledcurves lc 3 notitle, '' index 2 using 1:2 with lines lw 2 lc 3 title 'arch=[] bias=true depth=2 norm=layernorm-noscale placement=pre lr=0.001', \
     'training-loss.dat' index 3 using 1:3:4 with filledcurves lc 4 notitle, '' index 3 using 1:2 with lines lw 2 lc 4 title 'arch=[] bias=true depth=2 norm=batchnorm placement=pre lr=0.001', \
     'training-loss.dat' index 4 using 1:3:4 with filledcurves lc 5 notitle, '' index 4 using 1:2 with lines lw 2 lc 5 title 'arch=[] bias=true depth=2 norm=powernorm placement=pre lr=0.001', \
     'training-loss.dat' index 5 using 1:3:4 with filledcurves lc 6 notitle, '' index 5 using 1:2 with lines lw 2 lc 6 title 'arch=[] bias=true depth=2 norm=dyt placement=pre lr=0.001', \
     'training-loss.dat' index 6 using 1:3:4 with filledcurves lc 7 notitle, '' index 6 using 1:2 with lines lw 2 lc 7 title 'arch=[] bias=true depth=2 norm=none placement=pre lr=0.001', \
     'training-loss.dat' index 7 using 1:3:4 with filledcurves lc 8 notitle, '' index 7 using 1:2 with lines lw 2 lc 8 title 'arch=[] bias=true depth=2 norm=layernorm placement=post lr=0.001', \
     'training-loss.dat' index 8 using 1:3:4 with filledcurves lc 9 notitle, '' index 8 using 1:2 with lines lw 2 lc 9 title 'arch=[] bias=true depth=2 norm=layernorm placement=mix lr=0.001', \
     'training-loss.dat' index 9 using 1:3:4 with filledcurves lc 10 notitle, '' index 9 using 1:2 with lines lw 2 lc 10 title 'arch=[] bias=true depth=2 norm=layernorm placement=depth-scaled lr=0.001', \
     'training-loss.dat' index 10 using 1:3:4 with filledcurves lc 11 notitle, '' index 10 using 1:2 with lines lw 2 lc 11 title 'arch=[arch.embedding-scale] bias=false depth=2 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.001', \
     'training-loss.dat' index 11 using 1:3:4 with filledcurves lc 12 notitle, '' index 11 using 1:2 with lines lw 2 lc 12 title 'arch=[] bias=false depth=2 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.001', \
     'training-loss.dat' index 12 using 1:3:4 with filledcurves lc 13 notitle, '' index 12 using 1:2 with lines lw 2 lc 13 title 'arch=[] bias=true depth=4 norm=layernorm placement=pre lr=0.001', \
     'training-loss.dat' index 13 using 1:3:4 with filledcurves lc 14 notitle, '' index 13 using 1:2 with lines lw 2 lc 14 title 'arch=[] bias=true depth=4 norm=rmsnorm placement=pre lr=0.001', \
     'training-loss.dat' index 14 using 1:3:4 with filledcurves lc 15 notitle, '' index 14 using 1:2 with lines lw 2 lc 15 title 'arch=[] bias=true depth=4 norm=layernorm-noscale placement=pre lr=0.001', \
     'training-loss.dat' index 15 using 1:3:4 with filledcurves lc 16 notitle, '' index 15 using 1:2 with lines lw 2 lc 16 title 'arch=[] bias=true depth=4 norm=batchnorm placement=pre lr=0.001', \
     'training-loss.dat' index 16 using 1:3:4 with filledcurves lc 17 notitle, '' index 16 using 1:2 with lines lw 2 lc 17 title 'arch=[] bias=true depth=4 norm=powernorm placement=pre lr=0.001', \
     'training-loss.dat' index 17 using 1:3:4 with filledcurves lc 18 notitle, '' index 17 using 1:2 with lines lw 2 lc 18 title 'arch=[] bias=true depth=4 norm=dyt placement=pre lr=0.001', \
     'training-loss.dat' index 18 using 1:3:4 with filledcurves lc 19 notitle, '' index 18 using 1:2 with lines lw 2 lc 19 title 'arch=[] bias=true depth=4 norm=none placement=pre lr=0.001', \
     'training-loss.dat' index 19 using 1:3:4 with filledcurves lc 20 notitle, '' index 19 using 1:2 with lines lw 2 lc 20 title 'arch=[] bias=true depth=4 norm=layernorm placement=post lr=0.001', \
     'training-loss.dat' index 20 using 1:3:4 with filledcurves lc 21 notitle, '' index 20 using 1:2 with lines lw 2 lc 21 title 'arch=[] bias=true depth=4 norm=layernorm placement=mix lr=0.001', \
     'training-loss.dat' index 21 using 1:3:4 with filledcurves lc 22 notitle, '' index 21 using 1:2 with lines lw 2 lc 22 title 'arch=[] bias=true depth=4 norm=layernorm placement=depth-scaled lr=0.001', \
     'training-loss.dat' index 22 using 1:3:4 with filledcurves lc 23 notitle, '' index 22 using 1:2 with lines lw 2 lc 23 title 'arch=[arch.embedding-scale] bias=false depth=4 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.001', \
     'training-loss.dat' index 23 using 1:3:4 with filledcurves lc 24 notitle, '' index 23 using 1:2 with lines lw 2 lc 24 title 'arch=[] bias=false depth=4 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.001', \
     'training-loss.dat' index 24 using 1:3:4 with filledcurves lc 25 notitle, '' index 24 using 1:2 with lines lw 2 lc 25 title 'arch=[] bias=true depth=2 norm=layernorm placement=pre lr=0.004', \
     'training-loss.dat' index 25 using 1:3:4 with filledcurves lc 26 notitle, '' index 25 using 1:2 with lines lw 2 lc 26 title 'arch=[] bias=true depth=2 norm=rmsnorm placement=pre lr=0.004', \
     'training-loss.dat' index 26 using 1:3:4 with filledcurves lc 27 notitle, '' index 26 using 1:2 with lines lw 2 lc 27 title 'arch=[] bias=true depth=2 norm=layernorm-noscale placement=pre lr=0.004', \
     'training-loss.dat' index 27 using 1:3:4 with filledcurves lc 28 notitle, '' index 27 using 1:2 with lines lw 2 lc 28 title 'arch=[] bias=true depth=2 norm=batchnorm placement=pre lr=0.004', \
     'training-loss.dat' index 28 using 1:3:4 with filledcurves lc 29 notitle, '' index 28 using 1:2 with lines lw 2 lc 29 title 'arch=[] bias=true depth=2 norm=powernorm placement=pre lr=0.004', \
     'training-loss.dat' index 29 using 1:3:4 with filledcurves lc 30 notitle, '' index 29 using 1:2 with lines lw 2 lc 30 title 'arch=[] bias=true depth=2 norm=dyt placement=pre lr=0.004', \
     'training-loss.dat' index 30 using 1:3:4 with filledcurves lc 31 notitle, '' index 30 using 1:2 with lines lw 2 lc 31 title 'arch=[] bias=true depth=2 norm=none placement=pre lr=0.004', \
     'training-loss.dat' index 31 using 1:3:4 with filledcurves lc 32 notitle, '' index 31 using 1:2 with lines lw 2 lc 32 title 'arch=[] bias=true depth=2 norm=layernorm placement=post lr=0.004', \
     'training-loss.dat' index 32 using 1:3:4 with filledcurves lc 33 notitle, '' index 32 using 1:2 with lines lw 2 lc 33 title 'arch=[] bias=true depth=2 norm=layernorm placement=mix lr=0.004', \
     'training-loss.dat' index 33 using 1:3:4 with filledcurves lc 34 notitle, '' index 33 using 1:2 with lines lw 2 lc 34 title 'arch=[] bias=true depth=2 norm=layernorm placement=depth-scaled lr=0.004', \
     'training-loss.dat' index 34 using 1:3:4 with filledcurves lc 35 notitle, '' index 34 using 1:2 with lines lw 2 lc 35 title 'arch=[arch.embedding-scale] bias=false depth=2 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.004', \
     'training-loss.dat' index 35 using 1:3:4 with filledcurves lc 36 notitle, '' index 35 using 1:2 with lines lw 2 lc 36 title 'arch=[] bias=false depth=2 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.004', \
     'training-loss.dat' index 36 using 1:3:4 with filledcurves lc 37 notitle, '' index 36 using 1:2 with lines lw 2 lc 37 title 'arch=[] bias=true depth=4 norm=layernorm placement=pre lr=0.004', \
     'training-loss.dat' index 37 using 1:3:4 with filledcurves lc 38 notitle, '' index 37 using 1:2 with lines lw 2 lc 38 title 'arch=[] bias=true depth=4 norm=rmsnorm placement=pre lr=0.004', \
     'training-loss.dat' index 38 using 1:3:4 with filledcurves lc 39 notitle, '' index 38 using 1:2 with lines lw 2 lc 39 title 'arch=[] bias=true depth=4 norm=layernorm-noscale placement=pre lr=0.004', \
     'training-loss.dat' index 39 using 1:3:4 with filledcurves lc 40 notitle, '' index 39 using 1:2 with lines lw 2 lc 40 title 'arch=[] bias=true depth=4 norm=batchnorm placement=pre lr=0.004', \
     'training-loss.dat' index 40 using 1:3:4 with filledcurves lc 41 notitle, '' index 40 using 1:2 with lines lw 2 lc 41 title 'arch=[] bias=true depth=4 norm=powernorm placement=pre lr=0.004', \
     'training-loss.dat' index 41 using 1:3:4 with filledcurves lc 42 notitle, '' index 41 using 1:2 with lines lw 2 lc 42 title 'arch=[] bias=true depth=4 norm=dyt placement=pre lr=0.004', \
     'training-loss.dat' index 42 using 1:3:4 with filledcurves lc 43 notitle, '' index 42 using 1:2 with lines lw 2 lc 43 title 'arch=[] bias=true depth=4 norm=none placement=pre lr=0.004', \
     'training-loss.dat' index 43 using 1:3:4 with filledcurves lc 44 notitle, '' index 43 using 1:2 with lines lw 2 lc 44 title 'arch=[] bias=true depth=4 norm=layernorm placement=post lr=0.004', \
     'training-loss.dat' index 44 using 1:3:4 with filledcurves lc 45 notitle, '' index 44 using 1:2 with lines lw 2 lc 45 title 'arch=[] bias=true depth=4 norm=layernorm placement=mix lr=0.004', \
     'training-loss.dat' index 45 using 1:3:4 with filledcurves lc 46 notitle, '' index 45 using 1:2 with lines lw 2 lc 46 title 'arch=[] bias=true depth=4 norm=layernorm placement=depth-scaled lr=0.004', \
     'training-loss.dat' index 46 using 1:3:4 with filledcurves lc 47 notitle, '' index 46 using 1:2 with lines lw 2 lc 47 title 'arch=[arch.embedding-scale] bias=false depth=4 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.004', \
     'training-loss.dat' index 47 using 1:3:4 with filledcurves lc 48 notitle, '' index 47 using 1:2 with lines lw 2 lc 48 title 'arch=[] bias=false depth=4 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.004', \
     'training-loss.dat' index 48 using 1:3:4 with filledcurves lc 49 notitle, '' index 48 using 1:2 with lines lw 2 lc 49 title 'arch=[] bias=true depth=2 norm=layernorm placement=pre lr=0.016', \
     'training-loss.dat' index 49 using 1:3:4 with filledcurves lc 50 notitle, '' index 49 using 1:2 with lines lw 2 lc 50 title 'arch=[] bias=true depth=2 norm=rmsnorm placement=pre lr=0.016', \
     'training-loss.dat' index 50 using 1:3:4 with filledcurves lc 51 notitle, '' index 50 using 1:2 with lines lw 2 lc 51 title 'arch=[] bias=true depth=2 norm=layernorm-noscale placement=pre lr=0.016', \
     'training-loss.dat' index 51 using 1:3:4 with filledcurves lc 52 notitle, '' index 51 using 1:2 with lines lw 2 lc 52 title 'arch=[] bias=true depth=2 norm=batchnorm placement=pre lr=0.016', \
     'training-loss.dat' index 52 using 1:3:4 with filledcurves lc 53 notitle, '' index 52 using 1:2 with lines lw 2 lc 53 title 'arch=[] bias=true depth=2 norm=powernorm placement=pre lr=0.016', \
     'training-loss.dat' index 53 using 1:3:4 with filledcurves lc 54 notitle, '' index 53 using 1:2 with lines lw 2 lc 54 title 'arch=[] bias=true depth=2 norm=dyt placement=pre lr=0.016', \
     'training-loss.dat' index 54 using 1:3:4 with filledcurves lc 55 notitle, '' index 54 using 1:2 with lines lw 2 lc 55 title 'arch=[] bias=true depth=2 norm=none placement=pre lr=0.016', \
     'training-loss.dat' index 55 using 1:3:4 with filledcurves lc 56 notitle, '' index 55 using 1:2 with lines lw 2 lc 56 title 'arch=[] bias=true depth=2 norm=layernorm placement=post lr=0.016', \
     'training-loss.dat' index 56 using 1:3:4 with filledcurves lc 57 notitle, '' index 56 using 1:2 with lines lw 2 lc 57 title 'arch=[] bias=true depth=2 norm=layernorm placement=mix lr=0.016', \
     'training-loss.dat' index 57 using 1:3:4 with filledcurves lc 58 notitle, '' index 57 using 1:2 with lines lw 2 lc 58 title 'arch=[] bias=true depth=2 norm=layernorm placement=depth-scaled lr=0.016', \
     'training-loss.dat' index 58 using 1:3:4 with filledcurves lc 59 notitle, '' index 58 using 1:2 with lines lw 2 lc 59 title 'arch=[arch.embedding-scale] bias=false depth=2 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.016', \
     'training-loss.dat' index 59 using 1:3:4 with filledcurves lc 60 notitle, '' index 59 using 1:2 with lines lw 2 lc 60 title 'arch=[] bias=false depth=2 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.016', \
     'training-loss.dat' index 60 using 1:3:4 with filledcurves lc 61 notitle, '' index 60 using 1:2 with lines lw 2 lc 61 title 'arch=[] bias=true depth=4 norm=layernorm placement=pre lr=0.016', \
     'training-loss.dat' index 61 using 1:3:4 with filledcurves lc 62 notitle, '' index 61 using 1:2 with lines lw 2 lc 62 title 'arch=[] bias=true depth=4 norm=rmsnorm placement=pre lr=0.016', \
     'training-loss.dat' index 62 using 1:3:4 with filledcurves lc 63 notitle, '' index 62 using 1:2 with lines lw 2 lc 63 title 'arch=[] bias=true depth=4 norm=layernorm-noscale placement=pre lr=0.016', \
     'training-loss.dat' index 63 using 1:3:4 with filledcurves lc 64 notitle, '' index 63 using 1:2 with lines lw 2 lc 64 title 'arch=[] bias=true depth=4 norm=batchnorm placement=pre lr=0.016', \
     'training-loss.dat' index 64 using 1:3:4 with filledcurves lc 65 notitle, '' index 64 using 1:2 with lines lw 2 lc 65 title 'arch=[] bias=true depth=4 norm=powernorm placement=pre lr=0.016', \
     'training-loss.dat' index 65 using 1:3:4 with filledcurves lc 66 notitle, '' index 65 using 1:2 with lines lw 2 lc 66 title 'arch=[] bias=true depth=4 norm=dyt placement=pre lr=0.016', \
     'training-loss.dat' index 66 using 1:3:4 with filledcurves lc 67 notitle, '' index 66 using 1:2 with lines lw 2 lc 67 title 'arch=[] bias=true depth=4 norm=none placement=pre lr=0.016', \
     'training-loss.dat' index 67 using 1:3:4 with filledcurves lc 68 notitle, '' index 67 using 1:2 with lines lw 2 lc 68 title 'arch=[] bias=true depth=4 norm=layernorm placement=post lr=0.016', \
     'training-loss.dat' index 68 using 1:3:4 with filledcurves lc 69 notitle, '' index 68 using 1:2 with lines lw 2 lc 69 title 'arch=[] bias=true depth=4 norm=layernorm placement=mix lr=0.016', \
     'training-loss.dat' index 69 using 1:3:4 with filledcurves lc 70 notitle, '' index 69 using 1:2 with lines lw 2 lc 70 title 'arch=[] bias=true depth=4 norm=layernorm placement=depth-scaled lr=0.016', \
     'training-loss.dat' index 70 using 1:3:4 with filledcurves lc 71 notitle, '' index 70 using 1:2 with lines lw 2 lc 71 title 'arch=[arch.embedding-scale] bias=false depth=4 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.016', \
     'training-loss.dat' index 71 using 1:3:4 with filledcurves lc 72 notitle, '' index 71 using 1:2 with lines lw 2 lc 72 title 'arch=[] bias=false depth=4 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.016'
