# 'Mechanism metrics by layer'
# Regenerate: gnuplot internals-by-layer.gp (run in this folder)
set terminal svg size 800,1040 dynamic font 'Helvetica,13' background rgb 'white'
set output 'internals-by-layer.svg'
set multiplot layout 3,2
set title 'attention.max_logit'
set xlabel 'layer'
set ylabel 'logit'
set grid lc rgb '#dddddd'
set key outside right top box opaque font ',10'
set border 3
set tics nomirror
set termoption noenhanced
set rmargin 16
set offsets graph 0.05, graph 0.05, graph 0.05, graph 0.05
set xtics 1
plot 'internals-by-layer.dat' index 0 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 1 title 'arch=[] bias=true depth=2 norm=layernorm placement=pre lr=0.001', \
     'internals-by-layer.dat' index 1 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 2 title 'arch=[] bias=true depth=2 norm=rmsnorm placement=pre lr=0.001', \
     'internals-by-layer.dat' index 2 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 3 title 'arch=[] bias=true depth=2 norm=layernorm-noscale placement=pre lr=0.001', \
     'internals-by-layer.dat' index 3 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 4 title 'arch=[] bias=true depth=2 norm=batchnorm placement=pre lr=0.001', \
     'internals-by-layer.dat' index 4 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 5 title 'arch=[] bias=true depth=2 norm=powernorm placement=pre lr=0.001', \
     'internals-by-layer.dat' index 5 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 6 title 'arch=[] bias=true depth=2 norm=dyt placement=pre lr=0.001', \
     'internals-by-layer.dat' index 6 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 7 title 'arch=[] bias=true depth=2 norm=none placement=pre lr=0.001', \
     'internals-by-layer.dat' index 7 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 8 title 'arch=[] bias=true depth=2 norm=layernorm placement=post lr=0.001', \
     'internals-by-layer.dat' index 8 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 9 title 'arch=[] bias=true depth=2 norm=layernorm placement=mix lr=0.001', \
     'internals-by-layer.dat' index 9 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 10 title 'arch=[] bias=true depth=2 norm=layernorm placement=depth-scaled lr=0.001', \
     'internals-by-layer.dat' index 10 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 11 title 'arch=[arch.embedding-scale] bias=false depth=2 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.001', \
     'internals-by-layer.dat' index 11 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 12 title 'arch=[] bias=false depth=2 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.001', \
     'internals-by-layer.dat' index 12 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 13 title 'arch=[] bias=true depth=4 norm=layernorm placement=pre lr=0.001', \
     'internals-by-layer.dat' index 13 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 14 title 'arch=[] bias=true depth=4 norm=rmsnorm placement=pre lr=0.001', \
     'internals-by-layer.dat' index 14 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 15 title 'arch=[] bias=true depth=4 norm=layernorm-noscale placement=pre lr=0.001', \
     'internals-by-layer.dat' index 15 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 16 title 'arch=[] bias=true depth=4 norm=batchnorm placement=pre lr=0.001', \
     'internals-by-layer.dat' index 16 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 17 title 'arch=[] bias=true depth=4 norm=powernorm placement=pre lr=0.001', \
     'internals-by-layer.dat' index 17 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 18 title 'arch=[] bias=true depth=4 norm=dyt placement=pre lr=0.001', \
     'internals-by-layer.dat' index 18 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 19 title 'arch=[] bias=true depth=4 norm=none placement=pre lr=0.001', \
     'internals-by-layer.dat' index 19 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 20 title 'arch=[] bias=true depth=4 norm=layernorm placement=post lr=0.001', \
     'internals-by-layer.dat' index 20 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 21 title 'arch=[] bias=true depth=4 norm=layernorm placement=mix lr=0.001', \
     'internals-by-layer.dat' index 21 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 22 title 'arch=[] bias=true depth=4 norm=layernorm placement=depth-scaled lr=0.001', \
     'internals-by-layer.dat' index 22 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 23 title 'arch=[arch.embedding-scale] bias=false depth=4 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.001', \
     'internals-by-layer.dat' index 23 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 24 title 'arch=[] bias=false depth=4 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.001', \
     'internals-by-layer.dat' index 24 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 25 title 'arch=[] bias=true depth=2 norm=layernorm placement=pre lr=0.004', \
     'internals-by-layer.dat' index 25 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 26 title 'arch=[] bias=true depth=2 norm=rmsnorm placement=pre lr=0.004', \
     'internals-by-layer.dat' index 26 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 27 title 'arch=[] bias=true depth=2 norm=layernorm-noscale placement=pre lr=0.004', \
     'internals-by-layer.dat' index 27 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 28 title 'arch=[] bias=true depth=2 norm=batchnorm placement=pre lr=0.004', \
     'internals-by-layer.dat' index 28 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 29 title 'arch=[] bias=true depth=2 norm=powernorm placement=pre lr=0.004', \
     'internals-by-layer.dat' index 29 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 30 title 'arch=[] bias=true depth=2 norm=dyt placement=pre lr=0.004', \
     'internals-by-layer.dat' index 30 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 31 title 'arch=[] bias=true depth=2 norm=none placement=pre lr=0.004', \
     'internals-by-layer.dat' index 31 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 32 title 'arch=[] bias=true depth=2 norm=layernorm placement=post lr=0.004', \
     'internals-by-layer.dat' index 32 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 33 title 'arch=[] bias=true depth=2 norm=layernorm placement=mix lr=0.004', \
     'internals-by-layer.dat' index 33 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 34 title 'arch=[] bias=true depth=2 norm=layernorm placement=depth-scaled lr=0.004', \
     'internals-by-layer.dat' index 34 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 35 title 'arch=[arch.embedding-scale] bias=false depth=2 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.004', \
     'internals-by-layer.dat' index 35 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 36 title 'arch=[] bias=false depth=2 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.004', \
     'internals-by-layer.dat' index 36 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 37 title 'arch=[] bias=true depth=4 norm=layernorm placement=pre lr=0.004', \
     'internals-by-layer.dat' index 37 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 38 title 'arch=[] bias=true depth=4 norm=rmsnorm placement=pre lr=0.004', \
     'internals-by-layer.dat' index 38 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 39 title 'arch=[] bias=true depth=4 norm=layernorm-noscale placement=pre lr=0.004', \
     'internals-by-layer.dat' index 39 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 40 title 'arch=[] bias=true depth=4 norm=batchnorm placement=pre lr=0.004', \
     'internals-by-layer.dat' index 40 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 41 title 'arch=[] bias=true depth=4 norm=powernorm placement=pre lr=0.004', \
     'internals-by-layer.dat' index 41 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 42 title 'arch=[] bias=true depth=4 norm=dyt placement=pre lr=0.004', \
     'internals-by-layer.dat' index 42 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 43 title 'arch=[] bias=true depth=4 norm=none placement=pre lr=0.004', \
     'internals-by-layer.dat' index 43 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 44 title 'arch=[] bias=true depth=4 norm=layernorm placement=post lr=0.004', \
     'internals-by-layer.dat' index 44 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 45 title 'arch=[] bias=true depth=4 norm=layernorm placement=mix lr=0.004', \
     'internals-by-layer.dat' index 45 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 46 title 'arch=[] bias=true depth=4 norm=layernorm placement=depth-scaled lr=0.004', \
     'internals-by-layer.dat' index 46 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 47 title 'arch=[arch.embedding-scale] bias=false depth=4 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.004', \
     'internals-by-layer.dat' index 47 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 48 title 'arch=[] bias=false depth=4 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.004', \
     'internals-by-layer.dat' index 48 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 49 title 'arch=[] bias=true depth=2 norm=layernorm placement=pre lr=0.016', \
     'internals-by-layer.dat' index 49 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 50 title 'arch=[] bias=true depth=2 norm=rmsnorm placement=pre lr=0.016', \
     'internals-by-layer.dat' index 50 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 51 title 'arch=[] bias=true depth=2 norm=layernorm-noscale placement=pre lr=0.016', \
     'internals-by-layer.dat' index 51 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 52 title 'arch=[] bias=true depth=2 norm=batchnorm placement=pre lr=0.016', \
     'internals-by-layer.dat' index 52 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 53 title 'arch=[] bias=true depth=2 norm=powernorm placement=pre lr=0.016', \
     'internals-by-layer.dat' index 53 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 54 title 'arch=[] bias=true depth=2 norm=dyt placement=pre lr=0.016', \
     'internals-by-layer.dat' index 54 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 55 title 'arch=[] bias=true depth=2 norm=none placement=pre lr=0.016', \
     'internals-by-layer.dat' index 55 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 56 title 'arch=[] bias=true depth=2 norm=layernorm placement=post lr=0.016', \
     'internals-by-layer.dat' index 56 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 57 title 'arch=[] bias=true depth=2 norm=layernorm placement=mix lr=0.016', \
     'internals-by-layer.dat' index 57 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 58 title 'arch=[] bias=true depth=2 norm=layernorm placement=depth-scaled lr=0.016', \
     'internals-by-layer.dat' index 58 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 59 title 'arch=[arch.embedding-scale] bias=false depth=2 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.016', \
     'internals-by-layer.dat' index 59 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 60 title 'arch=[] bias=false depth=2 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.016', \
     'internals-by-layer.dat' index 60 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 61 title 'arch=[] bias=true depth=4 norm=layernorm placement=pre lr=0.016', \
     'internals-by-layer.dat' index 61 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 62 title 'arch=[] bias=true depth=4 norm=rmsnorm placement=pre lr=0.016', \
     'internals-by-layer.dat' index 62 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 63 title 'arch=[] bias=true depth=4 norm=layernorm-noscale placement=pre lr=0.016', \
     'internals-by-layer.dat' index 63 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 64 title 'arch=[] bias=true depth=4 norm=batchnorm placement=pre lr=0.016', \
     'internals-by-layer.dat' index 64 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 65 title 'arch=[] bias=true depth=4 norm=powernorm placement=pre lr=0.016', \
     'internals-by-layer.dat' index 65 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 66 title 'arch=[] bias=true depth=4 norm=dyt placement=pre lr=0.016', \
     'internals-by-layer.dat' index 66 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 67 title 'arch=[] bias=true depth=4 norm=none placement=pre lr=0.016', \
     'internals-by-layer.dat' index 67 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 68 title 'arch=[] bias=true depth=4 norm=layernorm placement=post lr=0.016', \
     'internals-by-layer.dat' index 68 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 69 title 'arch=[] bias=true depth=4 norm=layernorm placement=mix lr=0.016', \
     'internals-by-layer.dat' index 69 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 70 title 'arch=[] bias=true depth=4 norm=layernorm placement=depth-scaled lr=0.016', \
     'internals-by-layer.dat' index 70 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 71 title 'arch=[arch.embedding-scale] bias=false depth=4 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.016', \
     'internals-by-layer.dat' index 71 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 72 title 'arch=[] bias=false depth=4 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.016'
set title 'attention.entropy'
set xlabel 'layer'
set ylabel 'nats'
set grid lc rgb '#dddddd'
set key outside right top box opaque font ',10'
set border 3
set tics nomirror
set termoption noenhanced
set rmargin 16
set offsets graph 0.05, graph 0.05, graph 0.05, graph 0.05
set xtics 1
unset key
plot 'internals-by-layer.dat' index 72 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 1 title 'arch=[] bias=true depth=2 norm=layernorm placement=pre lr=0.001', \
     'internals-by-layer.dat' index 73 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 2 title 'arch=[] bias=true depth=2 norm=rmsnorm placement=pre lr=0.001', \
     'internals-by-layer.dat' index 74 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 3 title 'arch=[] bias=true depth=2 norm=layernorm-noscale placement=pre lr=0.001', \
     'internals-by-layer.dat' index 75 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 4 title 'arch=[] bias=true depth=2 norm=batchnorm placement=pre lr=0.001', \
     'internals-by-layer.dat' index 76 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 5 title 'arch=[] bias=true depth=2 norm=powernorm placement=pre lr=0.001', \
     'internals-by-layer.dat' index 77 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 6 title 'arch=[] bias=true depth=2 norm=dyt placement=pre lr=0.001', \
     'internals-by-layer.dat' index 78 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 7 title 'arch=[] bias=true depth=2 norm=none placement=pre lr=0.001', \
     'internals-by-layer.dat' index 79 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 8 title 'arch=[] bias=true depth=2 norm=layernorm placement=post lr=0.001', \
     'internals-by-layer.dat' index 80 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 9 title 'arch=[] bias=true depth=2 norm=layernorm placement=mix lr=0.001', \
     'internals-by-layer.dat' index 81 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 10 title 'arch=[] bias=true depth=2 norm=layernorm placement=depth-scaled lr=0.001', \
     'internals-by-layer.dat' index 82 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 11 title 'arch=[arch.embedding-scale] bias=false depth=2 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.001', \
     'internals-by-layer.dat' index 83 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 12 title 'arch=[] bias=false depth=2 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.001', \
     'internals-by-layer.dat' index 84 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 13 title 'arch=[] bias=true depth=4 norm=layernorm placement=pre lr=0.001', \
     'internals-by-layer.dat' index 85 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 14 title 'arch=[] bias=true depth=4 norm=rmsnorm placement=pre lr=0.001', \
     'internals-by-layer.dat' index 86 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 15 title 'arch=[] bias=true depth=4 norm=layernorm-noscale placement=pre lr=0.001', \
     'internals-by-layer.dat' index 87 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 16 title 'arch=[] bias=true depth=4 norm=batchnorm placement=pre lr=0.001', \
     'internals-by-layer.dat' index 88 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 17 title 'arch=[] bias=true depth=4 norm=powernorm placement=pre lr=0.001', \
     'internals-by-layer.dat' index 89 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 18 title 'arch=[] bias=true depth=4 norm=dyt placement=pre lr=0.001', \
     'internals-by-layer.dat' index 90 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 19 title 'arch=[] bias=true depth=4 norm=none placement=pre lr=0.001', \
     'internals-by-layer.dat' index 91 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 20 title 'arch=[] bias=true depth=4 norm=layernorm placement=post lr=0.001', \
     'internals-by-layer.dat' index 92 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 21 title 'arch=[] bias=true depth=4 norm=layernorm placement=mix lr=0.001', \
     'internals-by-layer.dat' index 93 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 22 title 'arch=[] bias=true depth=4 norm=layernorm placement=depth-scaled lr=0.001', \
     'internals-by-layer.dat' index 94 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 23 title 'arch=[arch.embedding-scale] bias=false depth=4 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.001', \
     'internals-by-layer.dat' index 95 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 24 title 'arch=[] bias=false depth=4 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.001', \
     'internals-by-layer.dat' index 96 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 25 title 'arch=[] bias=true depth=2 norm=layernorm placement=pre lr=0.004', \
     'internals-by-layer.dat' index 97 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 26 title 'arch=[] bias=true depth=2 norm=rmsnorm placement=pre lr=0.004', \
     'internals-by-layer.dat' index 98 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 27 title 'arch=[] bias=true depth=2 norm=layernorm-noscale placement=pre lr=0.004', \
     'internals-by-layer.dat' index 99 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 28 title 'arch=[] bias=true depth=2 norm=batchnorm placement=pre lr=0.004', \
     'internals-by-layer.dat' index 100 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 29 title 'arch=[] bias=true depth=2 norm=powernorm placement=pre lr=0.004', \
     'internals-by-layer.dat' index 101 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 30 title 'arch=[] bias=true depth=2 norm=dyt placement=pre lr=0.004', \
     'internals-by-layer.dat' index 102 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 31 title 'arch=[] bias=true depth=2 norm=none placement=pre lr=0.004', \
     'internals-by-layer.dat' index 103 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 32 title 'arch=[] bias=true depth=2 norm=layernorm placement=post lr=0.004', \
     'internals-by-layer.dat' index 104 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 33 title 'arch=[] bias=true depth=2 norm=layernorm placement=mix lr=0.004', \
     'internals-by-layer.dat' index 105 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 34 title 'arch=[] bias=true depth=2 norm=layernorm placement=depth-scaled lr=0.004', \
     'internals-by-layer.dat' index 106 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 35 title 'arch=[arch.embedding-scale] bias=false depth=2 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.004', \
     'internals-by-layer.dat' index 107 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 36 title 'arch=[] bias=false depth=2 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.004', \
     'internals-by-layer.dat' index 108 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 37 title 'arch=[] bias=true depth=4 norm=layernorm placement=pre lr=0.004', \
     'internals-by-layer.dat' index 109 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 38 title 'arch=[] bias=true depth=4 norm=rmsnorm placement=pre lr=0.004', \
     'internals-by-layer.dat' index 110 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 39 title 'arch=[] bias=true depth=4 norm=layernorm-noscale placement=pre lr=0.004', \
     'internals-by-layer.dat' index 111 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 40 title 'arch=[] bias=true depth=4 norm=batchnorm placement=pre lr=0.004', \
     'internals-by-layer.dat' index 112 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 41 title 'arch=[] bias=true depth=4 norm=powernorm placement=pre lr=0.004', \
     'internals-by-layer.dat' index 113 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 42 title 'arch=[] bias=true depth=4 norm=dyt placement=pre lr=0.004', \
     'internals-by-layer.dat' index 114 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 43 title 'arch=[] bias=true depth=4 norm=none placement=pre lr=0.004', \
     'internals-by-layer.dat' index 115 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 44 title 'arch=[] bias=true depth=4 norm=layernorm placement=post lr=0.004', \
     'internals-by-layer.dat' index 116 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 45 title 'arch=[] bias=true depth=4 norm=layernorm placement=mix lr=0.004', \
     'internals-by-layer.dat' index 117 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 46 title 'arch=[] bias=true depth=4 norm=layernorm placement=depth-scaled lr=0.004', \
     'internals-by-layer.dat' index 118 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 47 title 'arch=[arch.embedding-scale] bias=false depth=4 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.004', \
     'internals-by-layer.dat' index 119 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 48 title 'arch=[] bias=false depth=4 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.004', \
     'internals-by-layer.dat' index 120 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 49 title 'arch=[] bias=true depth=2 norm=layernorm placement=pre lr=0.016', \
     'internals-by-layer.dat' index 121 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 50 title 'arch=[] bias=true depth=2 norm=rmsnorm placement=pre lr=0.016', \
     'internals-by-layer.dat' index 122 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 51 title 'arch=[] bias=true depth=2 norm=layernorm-noscale placement=pre lr=0.016', \
     'internals-by-layer.dat' index 123 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 52 title 'arch=[] bias=true depth=2 norm=batchnorm placement=pre lr=0.016', \
     'internals-by-layer.dat' index 124 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 53 title 'arch=[] bias=true depth=2 norm=powernorm placement=pre lr=0.016', \
     'internals-by-layer.dat' index 125 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 54 title 'arch=[] bias=true depth=2 norm=dyt placement=pre lr=0.016', \
     'internals-by-layer.dat' index 126 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 55 title 'arch=[] bias=true depth=2 norm=none placement=pre lr=0.016', \
     'internals-by-layer.dat' index 127 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 56 title 'arch=[] bias=true depth=2 norm=layernorm placement=post lr=0.016', \
     'internals-by-layer.dat' index 128 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 57 title 'arch=[] bias=true depth=2 norm=layernorm placement=mix lr=0.016', \
     'internals-by-layer.dat' index 129 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 58 title 'arch=[] bias=true depth=2 norm=layernorm placement=depth-scaled lr=0.016', \
     'internals-by-layer.dat' index 130 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 59 title 'arch=[arch.embedding-scale] bias=false depth=2 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.016', \
     'internals-by-layer.dat' index 131 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 60 title 'arch=[] bias=false depth=2 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.016', \
     'internals-by-layer.dat' index 132 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 61 title 'arch=[] bias=true depth=4 norm=layernorm placement=pre lr=0.016', \
     'internals-by-layer.dat' index 133 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 62 title 'arch=[] bias=true depth=4 norm=rmsnorm placement=pre lr=0.016', \
     'internals-by-layer.dat' index 134 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 63 title 'arch=[] bias=true depth=4 norm=layernorm-noscale placement=pre lr=0.016', \
     'internals-by-layer.dat' index 135 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 64 title 'arch=[] bias=true depth=4 norm=batchnorm placement=pre lr=0.016', \
     'internals-by-layer.dat' index 136 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 65 title 'arch=[] bias=true depth=4 norm=powernorm placement=pre lr=0.016', \
     'internals-by-layer.dat' index 137 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 66 title 'arch=[] bias=true depth=4 norm=dyt placement=pre lr=0.016', \
     'internals-by-layer.dat' index 138 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 67 title 'arch=[] bias=true depth=4 norm=none placement=pre lr=0.016', \
     'internals-by-layer.dat' index 139 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 68 title 'arch=[] bias=true depth=4 norm=layernorm placement=post lr=0.016', \
     'internals-by-layer.dat' index 140 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 69 title 'arch=[] bias=true depth=4 norm=layernorm placement=mix lr=0.016', \
     'internals-by-layer.dat' index 141 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 70 title 'arch=[] bias=true depth=4 norm=layernorm placement=depth-scaled lr=0.016', \
     'internals-by-layer.dat' index 142 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 71 title 'arch=[arch.embedding-scale] bias=false depth=4 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.016', \
     'internals-by-layer.dat' index 143 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 72 title 'arch=[] bias=false depth=4 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.016'
set title 'gradients.norm'
set xlabel 'layer'
set ylabel 'norm'
set grid lc rgb '#dddddd'
set key outside right top box opaque font ',10'
set border 3
set tics nomirror
set termoption noenhanced
set rmargin 16
set offsets graph 0.05, graph 0.05, graph 0.05, graph 0.05
set xtics 1
unset key
plot 'internals-by-layer.dat' index 144 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 1 title 'arch=[] bias=true depth=2 norm=layernorm placement=pre lr=0.001', \
     'internals-by-layer.dat' index 145 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 2 title 'arch=[] bias=true depth=2 norm=rmsnorm placement=pre lr=0.001', \
     'internals-by-layer.dat' index 146 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 3 title 'arch=[] bias=true depth=2 norm=layernorm-noscale placement=pre lr=0.001', \
     'internals-by-layer.dat' index 147 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 4 title 'arch=[] bias=true depth=2 norm=batchnorm placement=pre lr=0.001', \
     'internals-by-layer.dat' index 148 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 5 title 'arch=[] bias=true depth=2 norm=powernorm placement=pre lr=0.001', \
     'internals-by-layer.dat' index 149 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 6 title 'arch=[] bias=true depth=2 norm=dyt placement=pre lr=0.001', \
     'internals-by-layer.dat' index 150 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 7 title 'arch=[] bias=true depth=2 norm=none placement=pre lr=0.001', \
     'internals-by-layer.dat' index 151 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 8 title 'arch=[] bias=true depth=2 norm=layernorm placement=post lr=0.001', \
     'internals-by-layer.dat' index 152 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 9 title 'arch=[] bias=true depth=2 norm=layernorm placement=mix lr=0.001', \
     'internals-by-layer.dat' index 153 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 10 title 'arch=[] bias=true depth=2 norm=layernorm placement=depth-scaled lr=0.001', \
     'internals-by-layer.dat' index 154 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 11 title 'arch=[arch.embedding-scale] bias=false depth=2 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.001', \
     'internals-by-layer.dat' index 155 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 12 title 'arch=[] bias=false depth=2 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.001', \
     'internals-by-layer.dat' index 156 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 13 title 'arch=[] bias=true depth=4 norm=layernorm placement=pre lr=0.001', \
     'internals-by-layer.dat' index 157 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 14 title 'arch=[] bias=true depth=4 norm=rmsnorm placement=pre lr=0.001', \
     'internals-by-layer.dat' index 158 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 15 title 'arch=[] bias=true depth=4 norm=layernorm-noscale placement=pre lr=0.001', \
     'internals-by-layer.dat' index 159 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 16 title 'arch=[] bias=true depth=4 norm=batchnorm placement=pre lr=0.001', \
     'internals-by-layer.dat' index 160 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 17 title 'arch=[] bias=true depth=4 norm=powernorm placement=pre lr=0.001', \
     'internals-by-layer.dat' index 161 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 18 title 'arch=[] bias=true depth=4 norm=dyt placement=pre lr=0.001', \
     'internals-by-layer.dat' index 162 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 19 title 'arch=[] bias=true depth=4 norm=none placement=pre lr=0.001', \
     'internals-by-layer.dat' index 163 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 20 title 'arch=[] bias=true depth=4 norm=layernorm placement=post lr=0.001', \
     'internals-by-layer.dat' index 164 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 21 title 'arch=[] bias=true depth=4 norm=layernorm placement=mix lr=0.001', \
     'internals-by-layer.dat' index 165 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 22 title 'arch=[] bias=true depth=4 norm=layernorm placement=depth-scaled lr=0.001', \
     'internals-by-layer.dat' index 166 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 23 title 'arch=[arch.embedding-scale] bias=false depth=4 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.001', \
     'internals-by-layer.dat' index 167 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 24 title 'arch=[] bias=false depth=4 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.001', \
     'internals-by-layer.dat' index 168 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 25 title 'arch=[] bias=true depth=2 norm=layernorm placement=pre lr=0.004', \
     'internals-by-layer.dat' index 169 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 26 title 'arch=[] bias=true depth=2 norm=rmsnorm placement=pre lr=0.004', \
     'internals-by-layer.dat' index 170 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 27 title 'arch=[] bias=true depth=2 norm=layernorm-noscale placement=pre lr=0.004', \
     'internals-by-layer.dat' index 171 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 28 title 'arch=[] bias=true depth=2 norm=batchnorm placement=pre lr=0.004', \
     'internals-by-layer.dat' index 172 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 29 title 'arch=[] bias=true depth=2 norm=powernorm placement=pre lr=0.004', \
     'internals-by-layer.dat' index 173 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 30 title 'arch=[] bias=true depth=2 norm=dyt placement=pre lr=0.004', \
     'internals-by-layer.dat' index 174 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 31 title 'arch=[] bias=true depth=2 norm=none placement=pre lr=0.004', \
     'internals-by-layer.dat' index 175 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 32 title 'arch=[] bias=true depth=2 norm=layernorm placement=post lr=0.004', \
     'internals-by-layer.dat' index 176 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 33 title 'arch=[] bias=true depth=2 norm=layernorm placement=mix lr=0.004', \
     'internals-by-layer.dat' index 177 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 34 title 'arch=[] bias=true depth=2 norm=layernorm placement=depth-scaled lr=0.004', \
     'internals-by-layer.dat' index 178 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 35 title 'arch=[arch.embedding-scale] bias=false depth=2 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.004', \
     'internals-by-layer.dat' index 179 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 36 title 'arch=[] bias=false depth=2 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.004', \
     'internals-by-layer.dat' index 180 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 37 title 'arch=[] bias=true depth=4 norm=layernorm placement=pre lr=0.004', \
     'internals-by-layer.dat' index 181 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 38 title 'arch=[] bias=true depth=4 norm=rmsnorm placement=pre lr=0.004', \
     'internals-by-layer.dat' index 182 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 39 title 'arch=[] bias=true depth=4 norm=layernorm-noscale placement=pre lr=0.004', \
     'internals-by-layer.dat' index 183 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 40 title 'arch=[] bias=true depth=4 norm=batchnorm placement=pre lr=0.004', \
     'internals-by-layer.dat' index 184 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 41 title 'arch=[] bias=true depth=4 norm=powernorm placement=pre lr=0.004', \
     'internals-by-layer.dat' index 185 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 42 title 'arch=[] bias=true depth=4 norm=dyt placement=pre lr=0.004', \
     'internals-by-layer.dat' index 186 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 43 title 'arch=[] bias=true depth=4 norm=none placement=pre lr=0.004', \
     'internals-by-layer.dat' index 187 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 44 title 'arch=[] bias=true depth=4 norm=layernorm placement=post lr=0.004', \
     'internals-by-layer.dat' index 188 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 45 title 'arch=[] bias=true depth=4 norm=layernorm placement=mix lr=0.004', \
     'internals-by-layer.dat' index 189 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 46 title 'arch=[] bias=true depth=4 norm=layernorm placement=depth-scaled lr=0.004', \
     'internals-by-layer.dat' index 190 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 47 title 'arch=[arch.embedding-scale] bias=false depth=4 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.004', \
     'internals-by-layer.dat' index 191 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 48 title 'arch=[] bias=false depth=4 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.004', \
     'internals-by-layer.dat' index 192 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 49 title 'arch=[] bias=true depth=2 norm=layernorm placement=pre lr=0.016', \
     'internals-by-layer.dat' index 193 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 50 title 'arch=[] bias=true depth=2 norm=rmsnorm placement=pre lr=0.016', \
     'internals-by-layer.dat' index 194 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 51 title 'arch=[] bias=true depth=2 norm=layernorm-noscale placement=pre lr=0.016', \
     'internals-by-layer.dat' index 195 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 52 title 'arch=[] bias=true depth=2 norm=batchnorm placement=pre lr=0.016', \
     'internals-by-layer.dat' index 196 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 53 title 'arch=[] bias=true depth=2 norm=powernorm placement=pre lr=0.016', \
     'internals-by-layer.dat' index 197 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 54 title 'arch=[] bias=true depth=2 norm=dyt placement=pre lr=0.016', \
     'internals-by-layer.dat' index 198 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 55 title 'arch=[] bias=true depth=2 norm=none placement=pre lr=0.016', \
     'internals-by-layer.dat' index 199 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 56 title 'arch=[] bias=true depth=2 norm=layernorm placement=post lr=0.016', \
     'internals-by-layer.dat' index 200 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 57 title 'arch=[] bias=true depth=2 norm=layernorm placement=mix lr=0.016', \
     'internals-by-layer.dat' index 201 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 58 title 'arch=[] bias=true depth=2 norm=layernorm placement=depth-scaled lr=0.016', \
     'internals-by-layer.dat' index 202 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 59 title 'arch=[arch.embedding-scale] bias=false depth=2 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.016', \
     'internals-by-layer.dat' index 203 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 60 title 'arch=[] bias=false depth=2 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.016', \
     'internals-by-layer.dat' index 204 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 61 title 'arch=[] bias=true depth=4 norm=layernorm placement=pre lr=0.016', \
     'internals-by-layer.dat' index 205 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 62 title 'arch=[] bias=true depth=4 norm=rmsnorm placement=pre lr=0.016', \
     'internals-by-layer.dat' index 206 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 63 title 'arch=[] bias=true depth=4 norm=layernorm-noscale placement=pre lr=0.016', \
     'internals-by-layer.dat' index 207 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 64 title 'arch=[] bias=true depth=4 norm=batchnorm placement=pre lr=0.016', \
     'internals-by-layer.dat' index 208 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 65 title 'arch=[] bias=true depth=4 norm=powernorm placement=pre lr=0.016', \
     'internals-by-layer.dat' index 209 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 66 title 'arch=[] bias=true depth=4 norm=dyt placement=pre lr=0.016', \
     'internals-by-layer.dat' index 210 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 67 title 'arch=[] bias=true depth=4 norm=none placement=pre lr=0.016', \
     'internals-by-layer.dat' index 211 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 68 title 'arch=[] bias=true depth=4 norm=layernorm placement=post lr=0.016', \
     'internals-by-layer.dat' index 212 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 69 title 'arch=[] bias=true depth=4 norm=layernorm placement=mix lr=0.016', \
     'internals-by-layer.dat' index 213 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 70 title 'arch=[] bias=true depth=4 norm=layernorm placement=depth-scaled lr=0.016', \
     'internals-by-layer.dat' index 214 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 71 title 'arch=[arch.embedding-scale] bias=false depth=4 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.016', \
     'internals-by-layer.dat' index 215 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 72 title 'arch=[] bias=false depth=4 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.016'
set title 'residual.rms'
set xlabel 'layer'
set ylabel 'value'
set grid lc rgb '#dddddd'
set key outside right top box opaque font ',10'
set border 3
set tics nomirror
set termoption noenhanced
set rmargin 16
set offsets graph 0.05, graph 0.05, graph 0.05, graph 0.05
set xtics 1
unset key
plot 'internals-by-layer.dat' index 216 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 1 title 'arch=[] bias=true depth=2 norm=layernorm placement=pre lr=0.001', \
     'internals-by-layer.dat' index 217 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 2 title 'arch=[] bias=true depth=2 norm=rmsnorm placement=pre lr=0.001', \
     'internals-by-layer.dat' index 218 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 3 title 'arch=[] bias=true depth=2 norm=layernorm-noscale placement=pre lr=0.001', \
     'internals-by-layer.dat' index 219 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 4 title 'arch=[] bias=true depth=2 norm=batchnorm placement=pre lr=0.001', \
     'internals-by-layer.dat' index 220 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 5 title 'arch=[] bias=true depth=2 norm=powernorm placement=pre lr=0.001', \
     'internals-by-layer.dat' index 221 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 6 title 'arch=[] bias=true depth=2 norm=dyt placement=pre lr=0.001', \
     'internals-by-layer.dat' index 222 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 7 title 'arch=[] bias=true depth=2 norm=none placement=pre lr=0.001', \
     'internals-by-layer.dat' index 223 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 8 title 'arch=[] bias=true depth=2 norm=layernorm placement=post lr=0.001', \
     'internals-by-layer.dat' index 224 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 9 title 'arch=[] bias=true depth=2 norm=layernorm placement=mix lr=0.001', \
     'internals-by-layer.dat' index 225 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 10 title 'arch=[] bias=true depth=2 norm=layernorm placement=depth-scaled lr=0.001', \
     'internals-by-layer.dat' index 226 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 11 title 'arch=[arch.embedding-scale] bias=false depth=2 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.001', \
     'internals-by-layer.dat' index 227 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 12 title 'arch=[] bias=false depth=2 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.001', \
     'internals-by-layer.dat' index 228 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 13 title 'arch=[] bias=true depth=4 norm=layernorm placement=pre lr=0.001', \
     'internals-by-layer.dat' index 229 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 14 title 'arch=[] bias=true depth=4 norm=rmsnorm placement=pre lr=0.001', \
     'internals-by-layer.dat' index 230 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 15 title 'arch=[] bias=true depth=4 norm=layernorm-noscale placement=pre lr=0.001', \
     'internals-by-layer.dat' index 231 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 16 title 'arch=[] bias=true depth=4 norm=batchnorm placement=pre lr=0.001', \
     'internals-by-layer.dat' index 232 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 17 title 'arch=[] bias=true depth=4 norm=powernorm placement=pre lr=0.001', \
     'internals-by-layer.dat' index 233 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 18 title 'arch=[] bias=true depth=4 norm=dyt placement=pre lr=0.001', \
     'internals-by-layer.dat' index 234 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 19 title 'arch=[] bias=true depth=4 norm=none placement=pre lr=0.001', \
     'internals-by-layer.dat' index 235 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 20 title 'arch=[] bias=true depth=4 norm=layernorm placement=post lr=0.001', \
     'internals-by-layer.dat' index 236 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 21 title 'arch=[] bias=true depth=4 norm=layernorm placement=mix lr=0.001', \
     'internals-by-layer.dat' index 237 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 22 title 'arch=[] bias=true depth=4 norm=layernorm placement=depth-scaled lr=0.001', \
     'internals-by-layer.dat' index 238 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 23 title 'arch=[arch.embedding-scale] bias=false depth=4 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.001', \
     'internals-by-layer.dat' index 239 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 24 title 'arch=[] bias=false depth=4 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.001', \
     'internals-by-layer.dat' index 240 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 25 title 'arch=[] bias=true depth=2 norm=layernorm placement=pre lr=0.004', \
     'internals-by-layer.dat' index 241 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 26 title 'arch=[] bias=true depth=2 norm=rmsnorm placement=pre lr=0.004', \
     'internals-by-layer.dat' index 242 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 27 title 'arch=[] bias=true depth=2 norm=layernorm-noscale placement=pre lr=0.004', \
     'internals-by-layer.dat' index 243 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 28 title 'arch=[] bias=true depth=2 norm=batchnorm placement=pre lr=0.004', \
     'internals-by-layer.dat' index 244 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 29 title 'arch=[] bias=true depth=2 norm=powernorm placement=pre lr=0.004', \
     'internals-by-layer.dat' index 245 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 30 title 'arch=[] bias=true depth=2 norm=dyt placement=pre lr=0.004', \
     'internals-by-layer.dat' index 246 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 31 title 'arch=[] bias=true depth=2 norm=none placement=pre lr=0.004', \
     'internals-by-layer.dat' index 247 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 32 title 'arch=[] bias=true depth=2 norm=layernorm placement=post lr=0.004', \
     'internals-by-layer.dat' index 248 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 33 title 'arch=[] bias=true depth=2 norm=layernorm placement=mix lr=0.004', \
     'internals-by-layer.dat' index 249 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 34 title 'arch=[] bias=true depth=2 norm=layernorm placement=depth-scaled lr=0.004', \
     'internals-by-layer.dat' index 250 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 35 title 'arch=[arch.embedding-scale] bias=false depth=2 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.004', \
     'internals-by-layer.dat' index 251 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 36 title 'arch=[] bias=false depth=2 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.004', \
     'internals-by-layer.dat' index 252 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 37 title 'arch=[] bias=true depth=4 norm=layernorm placement=pre lr=0.004', \
     'internals-by-layer.dat' index 253 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 38 title 'arch=[] bias=true depth=4 norm=rmsnorm placement=pre lr=0.004', \
     'internals-by-layer.dat' index 254 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 39 title 'arch=[] bias=true depth=4 norm=layernorm-noscale placement=pre lr=0.004', \
     'internals-by-layer.dat' index 255 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 40 title 'arch=[] bias=true depth=4 norm=batchnorm placement=pre lr=0.004', \
     'internals-by-layer.dat' index 256 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 41 title 'arch=[] bias=true depth=4 norm=powernorm placement=pre lr=0.004', \
     'internals-by-layer.dat' index 257 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 42 title 'arch=[] bias=true depth=4 norm=dyt placement=pre lr=0.004', \
     'internals-by-layer.dat' index 258 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 43 title 'arch=[] bias=true depth=4 norm=none placement=pre lr=0.004', \
     'internals-by-layer.dat' index 259 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 44 title 'arch=[] bias=true depth=4 norm=layernorm placement=post lr=0.004', \
     'internals-by-layer.dat' index 260 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 45 title 'arch=[] bias=true depth=4 norm=layernorm placement=mix lr=0.004', \
     'internals-by-layer.dat' index 261 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 46 title 'arch=[] bias=true depth=4 norm=layernorm placement=depth-scaled lr=0.004', \
     'internals-by-layer.dat' index 262 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 47 title 'arch=[arch.embedding-scale] bias=false depth=4 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.004', \
     'internals-by-layer.dat' index 263 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 48 title 'arch=[] bias=false depth=4 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.004', \
     'internals-by-layer.dat' index 264 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 49 title 'arch=[] bias=true depth=2 norm=layernorm placement=pre lr=0.016', \
     'internals-by-layer.dat' index 265 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 50 title 'arch=[] bias=true depth=2 norm=rmsnorm placement=pre lr=0.016', \
     'internals-by-layer.dat' index 266 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 51 title 'arch=[] bias=true depth=2 norm=layernorm-noscale placement=pre lr=0.016', \
     'internals-by-layer.dat' index 267 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 52 title 'arch=[] bias=true depth=2 norm=batchnorm placement=pre lr=0.016', \
     'internals-by-layer.dat' index 268 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 53 title 'arch=[] bias=true depth=2 norm=powernorm placement=pre lr=0.016', \
     'internals-by-layer.dat' index 269 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 54 title 'arch=[] bias=true depth=2 norm=dyt placement=pre lr=0.016', \
     'internals-by-layer.dat' index 270 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 55 title 'arch=[] bias=true depth=2 norm=none placement=pre lr=0.016', \
     'internals-by-layer.dat' index 271 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 56 title 'arch=[] bias=true depth=2 norm=layernorm placement=post lr=0.016', \
     'internals-by-layer.dat' index 272 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 57 title 'arch=[] bias=true depth=2 norm=layernorm placement=mix lr=0.016', \
     'internals-by-layer.dat' index 273 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 58 title 'arch=[] bias=true depth=2 norm=layernorm placement=depth-scaled lr=0.016', \
     'internals-by-layer.dat' index 274 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 59 title 'arch=[arch.embedding-scale] bias=false depth=2 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.016', \
     'internals-by-layer.dat' index 275 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 60 title 'arch=[] bias=false depth=2 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.016', \
     'internals-by-layer.dat' index 276 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 61 title 'arch=[] bias=true depth=4 norm=layernorm placement=pre lr=0.016', \
     'internals-by-layer.dat' index 277 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 62 title 'arch=[] bias=true depth=4 norm=rmsnorm placement=pre lr=0.016', \
     'internals-by-layer.dat' index 278 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 63 title 'arch=[] bias=true depth=4 norm=layernorm-noscale placement=pre lr=0.016', \
     'internals-by-layer.dat' index 279 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 64 title 'arch=[] bias=true depth=4 norm=batchnorm placement=pre lr=0.016', \
     'internals-by-layer.dat' index 280 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 65 title 'arch=[] bias=true depth=4 norm=powernorm placement=pre lr=0.016', \
     'internals-by-layer.dat' index 281 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 66 title 'arch=[] bias=true depth=4 norm=dyt placement=pre lr=0.016', \
     'internals-by-layer.dat' index 282 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 67 title 'arch=[] bias=true depth=4 norm=none placement=pre lr=0.016', \
     'internals-by-layer.dat' index 283 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 68 title 'arch=[] bias=true depth=4 norm=layernorm placement=post lr=0.016', \
     'internals-by-layer.dat' index 284 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 69 title 'arch=[] bias=true depth=4 norm=layernorm placement=mix lr=0.016', \
     'internals-by-layer.dat' index 285 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 70 title 'arch=[] bias=true depth=4 norm=layernorm placement=depth-scaled lr=0.016', \
     'internals-by-layer.dat' index 286 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 71 title 'arch=[arch.embedding-scale] bias=false depth=4 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.016', \
     'internals-by-layer.dat' index 287 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 72 title 'arch=[] bias=false depth=4 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.016'
set title 'activations.kurtosis'
set xlabel 'layer'
set ylabel 'ratio'
set grid lc rgb '#dddddd'
set key outside right top box opaque font ',10'
set border 3
set tics nomirror
set termoption noenhanced
set rmargin 16
set offsets graph 0.05, graph 0.05, graph 0.05, graph 0.05
set xtics 1
unset key
plot 'internals-by-layer.dat' index 288 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 1 title 'arch=[] bias=true depth=2 norm=layernorm placement=pre lr=0.001', \
     'internals-by-layer.dat' index 289 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 2 title 'arch=[] bias=true depth=2 norm=rmsnorm placement=pre lr=0.001', \
     'internals-by-layer.dat' index 290 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 3 title 'arch=[] bias=true depth=2 norm=layernorm-noscale placement=pre lr=0.001', \
     'internals-by-layer.dat' index 291 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 4 title 'arch=[] bias=true depth=2 norm=batchnorm placement=pre lr=0.001', \
     'internals-by-layer.dat' index 292 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 5 title 'arch=[] bias=true depth=2 norm=powernorm placement=pre lr=0.001', \
     'internals-by-layer.dat' index 293 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 6 title 'arch=[] bias=true depth=2 norm=dyt placement=pre lr=0.001', \
     'internals-by-layer.dat' index 294 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 7 title 'arch=[] bias=true depth=2 norm=none placement=pre lr=0.001', \
     'internals-by-layer.dat' index 295 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 8 title 'arch=[] bias=true depth=2 norm=layernorm placement=post lr=0.001', \
     'internals-by-layer.dat' index 296 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 9 title 'arch=[] bias=true depth=2 norm=layernorm placement=mix lr=0.001', \
     'internals-by-layer.dat' index 297 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 10 title 'arch=[] bias=true depth=2 norm=layernorm placement=depth-scaled lr=0.001', \
     'internals-by-layer.dat' index 298 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 11 title 'arch=[arch.embedding-scale] bias=false depth=2 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.001', \
     'internals-by-layer.dat' index 299 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 12 title 'arch=[] bias=false depth=2 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.001', \
     'internals-by-layer.dat' index 300 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 13 title 'arch=[] bias=true depth=4 norm=layernorm placement=pre lr=0.001', \
     'internals-by-layer.dat' index 301 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 14 title 'arch=[] bias=true depth=4 norm=rmsnorm placement=pre lr=0.001', \
     'internals-by-layer.dat' index 302 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 15 title 'arch=[] bias=true depth=4 norm=layernorm-noscale placement=pre lr=0.001', \
     'internals-by-layer.dat' index 303 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 16 title 'arch=[] bias=true depth=4 norm=batchnorm placement=pre lr=0.001', \
     'internals-by-layer.dat' index 304 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 17 title 'arch=[] bias=true depth=4 norm=powernorm placement=pre lr=0.001', \
     'internals-by-layer.dat' index 305 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 18 title 'arch=[] bias=true depth=4 norm=dyt placement=pre lr=0.001', \
     'internals-by-layer.dat' index 306 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 19 title 'arch=[] bias=true depth=4 norm=none placement=pre lr=0.001', \
     'internals-by-layer.dat' index 307 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 20 title 'arch=[] bias=true depth=4 norm=layernorm placement=post lr=0.001', \
     'internals-by-layer.dat' index 308 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 21 title 'arch=[] bias=true depth=4 norm=layernorm placement=mix lr=0.001', \
     'internals-by-layer.dat' index 309 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 22 title 'arch=[] bias=true depth=4 norm=layernorm placement=depth-scaled lr=0.001', \
     'internals-by-layer.dat' index 310 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 23 title 'arch=[arch.embedding-scale] bias=false depth=4 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.001', \
     'internals-by-layer.dat' index 311 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 24 title 'arch=[] bias=false depth=4 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.001', \
     'internals-by-layer.dat' index 312 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 25 title 'arch=[] bias=true depth=2 norm=layernorm placement=pre lr=0.004', \
     'internals-by-layer.dat' index 313 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 26 title 'arch=[] bias=true depth=2 norm=rmsnorm placement=pre lr=0.004', \
     'internals-by-layer.dat' index 314 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 27 title 'arch=[] bias=true depth=2 norm=layernorm-noscale placement=pre lr=0.004', \
     'internals-by-layer.dat' index 315 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 28 title 'arch=[] bias=true depth=2 norm=batchnorm placement=pre lr=0.004', \
     'internals-by-layer.dat' index 316 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 29 title 'arch=[] bias=true depth=2 norm=powernorm placement=pre lr=0.004', \
     'internals-by-layer.dat' index 317 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 30 title 'arch=[] bias=true depth=2 norm=dyt placement=pre lr=0.004', \
     'internals-by-layer.dat' index 318 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 31 title 'arch=[] bias=true depth=2 norm=none placement=pre lr=0.004', \
     'internals-by-layer.dat' index 319 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 32 title 'arch=[] bias=true depth=2 norm=layernorm placement=post lr=0.004', \
     'internals-by-layer.dat' index 320 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 33 title 'arch=[] bias=true depth=2 norm=layernorm placement=mix lr=0.004', \
     'internals-by-layer.dat' index 321 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 34 title 'arch=[] bias=true depth=2 norm=layernorm placement=depth-scaled lr=0.004', \
     'internals-by-layer.dat' index 322 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 35 title 'arch=[arch.embedding-scale] bias=false depth=2 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.004', \
     'internals-by-layer.dat' index 323 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 36 title 'arch=[] bias=false depth=2 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.004', \
     'internals-by-layer.dat' index 324 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 37 title 'arch=[] bias=true depth=4 norm=layernorm placement=pre lr=0.004', \
     'internals-by-layer.dat' index 325 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 38 title 'arch=[] bias=true depth=4 norm=rmsnorm placement=pre lr=0.004', \
     'internals-by-layer.dat' index 326 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 39 title 'arch=[] bias=true depth=4 norm=layernorm-noscale placement=pre lr=0.004', \
     'internals-by-layer.dat' index 327 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 40 title 'arch=[] bias=true depth=4 norm=batchnorm placement=pre lr=0.004', \
     'internals-by-layer.dat' index 328 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 41 title 'arch=[] bias=true depth=4 norm=powernorm placement=pre lr=0.004', \
     'internals-by-layer.dat' index 329 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 42 title 'arch=[] bias=true depth=4 norm=dyt placement=pre lr=0.004', \
     'internals-by-layer.dat' index 330 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 43 title 'arch=[] bias=true depth=4 norm=none placement=pre lr=0.004', \
     'internals-by-layer.dat' index 331 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 44 title 'arch=[] bias=true depth=4 norm=layernorm placement=post lr=0.004', \
     'internals-by-layer.dat' index 332 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 45 title 'arch=[] bias=true depth=4 norm=layernorm placement=mix lr=0.004', \
     'internals-by-layer.dat' index 333 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 46 title 'arch=[] bias=true depth=4 norm=layernorm placement=depth-scaled lr=0.004', \
     'internals-by-layer.dat' index 334 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 47 title 'arch=[arch.embedding-scale] bias=false depth=4 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.004', \
     'internals-by-layer.dat' index 335 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 48 title 'arch=[] bias=false depth=4 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.004', \
     'internals-by-layer.dat' index 336 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 49 title 'arch=[] bias=true depth=2 norm=layernorm placement=pre lr=0.016', \
     'internals-by-layer.dat' index 337 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 50 title 'arch=[] bias=true depth=2 norm=rmsnorm placement=pre lr=0.016', \
     'internals-by-layer.dat' index 338 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 51 title 'arch=[] bias=true depth=2 norm=layernorm-noscale placement=pre lr=0.016', \
     'internals-by-layer.dat' index 339 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 52 title 'arch=[] bias=true depth=2 norm=batchnorm placement=pre lr=0.016', \
     'internals-by-layer.dat' index 340 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 53 title 'arch=[] bias=true depth=2 norm=powernorm placement=pre lr=0.016', \
     'internals-by-layer.dat' index 341 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 54 title 'arch=[] bias=true depth=2 norm=dyt placement=pre lr=0.016', \
     'internals-by-layer.dat' index 342 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 55 title 'arch=[] bias=true depth=2 norm=none placement=pre lr=0.016', \
     'internals-by-layer.dat' index 343 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 56 title 'arch=[] bias=true depth=2 norm=layernorm placement=post lr=0.016', \
     'internals-by-layer.dat' index 344 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 57 title 'arch=[] bias=true depth=2 norm=layernorm placement=mix lr=0.016', \
     'internals-by-layer.dat' index 345 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 58 title 'arch=[] bias=true depth=2 norm=layernorm placement=depth-scaled lr=0.016', \
     'internals-by-layer.dat' index 346 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 59 title 'arch=[arch.embedding-scale] bias=false depth=2 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.016', \
     'internals-by-layer.dat' index 347 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 60 title 'arch=[] bias=false depth=2 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.016', \
     'internals-by-layer.dat' index 348 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 61 title 'arch=[] bias=true depth=4 norm=layernorm placement=pre lr=0.016', \
     'internals-by-layer.dat' index 349 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 62 title 'arch=[] bias=true depth=4 norm=rmsnorm placement=pre lr=0.016', \
     'internals-by-layer.dat' index 350 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 63 title 'arch=[] bias=true depth=4 norm=layernorm-noscale placement=pre lr=0.016', \
     'internals-by-layer.dat' index 351 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 64 title 'arch=[] bias=true depth=4 norm=batchnorm placement=pre lr=0.016', \
     'internals-by-layer.dat' index 352 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 65 title 'arch=[] bias=true depth=4 norm=powernorm placement=pre lr=0.016', \
     'internals-by-layer.dat' index 353 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 66 title 'arch=[] bias=true depth=4 norm=dyt placement=pre lr=0.016', \
     'internals-by-layer.dat' index 354 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 67 title 'arch=[] bias=true depth=4 norm=none placement=pre lr=0.016', \
     'internals-by-layer.dat' index 355 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 68 title 'arch=[] bias=true depth=4 norm=layernorm placement=post lr=0.016', \
     'internals-by-layer.dat' index 356 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 69 title 'arch=[] bias=true depth=4 norm=layernorm placement=mix lr=0.016', \
     'internals-by-layer.dat' index 357 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 70 title 'arch=[] bias=true depth=4 norm=layernorm placement=depth-scaled lr=0.016', \
     'internals-by-layer.dat' index 358 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 71 title 'arch=[arch.embedding-scale] bias=false depth=4 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.016', \
     'internals-by-layer.dat' index 359 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 72 title 'arch=[] bias=false depth=4 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.016'
set title 'activations.max_median'
set xlabel 'layer'
set ylabel 'ratio'
set grid lc rgb '#dddddd'
set key outside right top box opaque font ',10'
set border 3
set tics nomirror
set termoption noenhanced
set rmargin 16
set offsets graph 0.05, graph 0.05, graph 0.05, graph 0.05
set xtics 1
unset key
plot 'internals-by-layer.dat' index 360 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 1 title 'arch=[] bias=true depth=2 norm=layernorm placement=pre lr=0.001', \
     'internals-by-layer.dat' index 361 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 2 title 'arch=[] bias=true depth=2 norm=rmsnorm placement=pre lr=0.001', \
     'internals-by-layer.dat' index 362 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 3 title 'arch=[] bias=true depth=2 norm=layernorm-noscale placement=pre lr=0.001', \
     'internals-by-layer.dat' index 363 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 4 title 'arch=[] bias=true depth=2 norm=batchnorm placement=pre lr=0.001', \
     'internals-by-layer.dat' index 364 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 5 title 'arch=[] bias=true depth=2 norm=powernorm placement=pre lr=0.001', \
     'internals-by-layer.dat' index 365 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 6 title 'arch=[] bias=true depth=2 norm=dyt placement=pre lr=0.001', \
     'internals-by-layer.dat' index 366 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 7 title 'arch=[] bias=true depth=2 norm=none placement=pre lr=0.001', \
     'internals-by-layer.dat' index 367 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 8 title 'arch=[] bias=true depth=2 norm=layernorm placement=post lr=0.001', \
     'internals-by-layer.dat' index 368 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 9 title 'arch=[] bias=true depth=2 norm=layernorm placement=mix lr=0.001', \
     'internals-by-layer.dat' index 369 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 10 title 'arch=[] bias=true depth=2 norm=layernorm placement=depth-scaled lr=0.001', \
     'internals-by-layer.dat' index 370 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 11 title 'arch=[arch.embedding-scale] bias=false depth=2 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.001', \
     'internals-by-layer.dat' index 371 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 12 title 'arch=[] bias=false depth=2 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.001', \
     'internals-by-layer.dat' index 372 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 13 title 'arch=[] bias=true depth=4 norm=layernorm placement=pre lr=0.001', \
     'internals-by-layer.dat' index 373 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 14 title 'arch=[] bias=true depth=4 norm=rmsnorm placement=pre lr=0.001', \
     'internals-by-layer.dat' index 374 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 15 title 'arch=[] bias=true depth=4 norm=layernorm-noscale placement=pre lr=0.001', \
     'internals-by-layer.dat' index 375 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 16 title 'arch=[] bias=true depth=4 norm=batchnorm placement=pre lr=0.001', \
     'internals-by-layer.dat' index 376 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 17 title 'arch=[] bias=true depth=4 norm=powernorm placement=pre lr=0.001', \
     'internals-by-layer.dat' index 377 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 18 title 'arch=[] bias=true depth=4 norm=dyt placement=pre lr=0.001', \
     'internals-by-layer.dat' index 378 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 19 title 'arch=[] bias=true depth=4 norm=none placement=pre lr=0.001', \
     'internals-by-layer.dat' index 379 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 20 title 'arch=[] bias=true depth=4 norm=layernorm placement=post lr=0.001', \
     'internals-by-layer.dat' index 380 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 21 title 'arch=[] bias=true depth=4 norm=layernorm placement=mix lr=0.001', \
     'internals-by-layer.dat' index 381 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 22 title 'arch=[] bias=true depth=4 norm=layernorm placement=depth-scaled lr=0.001', \
     'internals-by-layer.dat' index 382 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 23 title 'arch=[arch.embedding-scale] bias=false depth=4 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.001', \
     'internals-by-layer.dat' index 383 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 24 title 'arch=[] bias=false depth=4 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.001', \
     'internals-by-layer.dat' index 384 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 25 title 'arch=[] bias=true depth=2 norm=layernorm placement=pre lr=0.004', \
     'internals-by-layer.dat' index 385 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 26 title 'arch=[] bias=true depth=2 norm=rmsnorm placement=pre lr=0.004', \
     'internals-by-layer.dat' index 386 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 27 title 'arch=[] bias=true depth=2 norm=layernorm-noscale placement=pre lr=0.004', \
     'internals-by-layer.dat' index 387 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 28 title 'arch=[] bias=true depth=2 norm=batchnorm placement=pre lr=0.004', \
     'internals-by-layer.dat' index 388 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 29 title 'arch=[] bias=true depth=2 norm=powernorm placement=pre lr=0.004', \
     'internals-by-layer.dat' index 389 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 30 title 'arch=[] bias=true depth=2 norm=dyt placement=pre lr=0.004', \
     'internals-by-layer.dat' index 390 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 31 title 'arch=[] bias=true depth=2 norm=none placement=pre lr=0.004', \
     'internals-by-layer.dat' index 391 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 32 title 'arch=[] bias=true depth=2 norm=layernorm placement=post lr=0.004', \
     'internals-by-layer.dat' index 392 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 33 title 'arch=[] bias=true depth=2 norm=layernorm placement=mix lr=0.004', \
     'internals-by-layer.dat' index 393 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 34 title 'arch=[] bias=true depth=2 norm=layernorm placement=depth-scaled lr=0.004', \
     'internals-by-layer.dat' index 394 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 35 title 'arch=[arch.embedding-scale] bias=false depth=2 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.004', \
     'internals-by-layer.dat' index 395 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 36 title 'arch=[] bias=false depth=2 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.004', \
     'internals-by-layer.dat' index 396 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 37 title 'arch=[] bias=true depth=4 norm=layernorm placement=pre lr=0.004', \
     'internals-by-layer.dat' index 397 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 38 title 'arch=[] bias=true depth=4 norm=rmsnorm placement=pre lr=0.004', \
     'internals-by-layer.dat' index 398 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 39 title 'arch=[] bias=true depth=4 norm=layernorm-noscale placement=pre lr=0.004', \
     'internals-by-layer.dat' index 399 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 40 title 'arch=[] bias=true depth=4 norm=batchnorm placement=pre lr=0.004', \
     'internals-by-layer.dat' index 400 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 41 title 'arch=[] bias=true depth=4 norm=powernorm placement=pre lr=0.004', \
     'internals-by-layer.dat' index 401 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 42 title 'arch=[] bias=true depth=4 norm=dyt placement=pre lr=0.004', \
     'internals-by-layer.dat' index 402 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 43 title 'arch=[] bias=true depth=4 norm=none placement=pre lr=0.004', \
     'internals-by-layer.dat' index 403 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 44 title 'arch=[] bias=true depth=4 norm=layernorm placement=post lr=0.004', \
     'internals-by-layer.dat' index 404 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 45 title 'arch=[] bias=true depth=4 norm=layernorm placement=mix lr=0.004', \
     'internals-by-layer.dat' index 405 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 46 title 'arch=[] bias=true depth=4 norm=layernorm placement=depth-scaled lr=0.004', \
     'internals-by-layer.dat' index 406 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 47 title 'arch=[arch.embedding-scale] bias=false depth=4 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.004', \
     'internals-by-layer.dat' index 407 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 48 title 'arch=[] bias=false depth=4 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.004', \
     'internals-by-layer.dat' index 408 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 49 title 'arch=[] bias=true depth=2 norm=layernorm placement=pre lr=0.016', \
     'internals-by-layer.dat' index 409 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 50 title 'arch=[] bias=true depth=2 norm=rmsnorm placement=pre lr=0.016', \
     'internals-by-layer.dat' index 410 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 51 title 'arch=[] bias=true depth=2 norm=layernorm-noscale placement=pre lr=0.016', \
     'internals-by-layer.dat' index 411 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 52 title 'arch=[] bias=true depth=2 norm=batchnorm placement=pre lr=0.016', \
     'internals-by-layer.dat' index 412 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 53 title 'arch=[] bias=true depth=2 norm=powernorm placement=pre lr=0.016', \
     'internals-by-layer.dat' index 413 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 54 title 'arch=[] bias=true depth=2 norm=dyt placement=pre lr=0.016', \
     'internals-by-layer.dat' index 414 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 55 title 'arch=[] bias=true depth=2 norm=none placement=pre lr=0.016', \
     'internals-by-layer.dat' index 415 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 56 title 'arch=[] bias=true depth=2 norm=layernorm placement=post lr=0.016', \
     'internals-by-layer.dat' index 416 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 57 title 'arch=[] bias=true depth=2 norm=layernorm placement=mix lr=0.016', \
     'internals-by-layer.dat' index 417 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 58 title 'arch=[] bias=true depth=2 norm=layernorm placement=depth-scaled lr=0.016', \
     'internals-by-layer.dat' index 418 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 59 title 'arch=[arch.embedding-scale] bias=false depth=2 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.016', \
     'internals-by-layer.dat' index 419 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 60 title 'arch=[] bias=false depth=2 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.016', \
     'internals-by-layer.dat' index 420 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 61 title 'arch=[] bias=true depth=4 norm=layernorm placement=pre lr=0.016', \
     'internals-by-layer.dat' index 421 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 62 title 'arch=[] bias=true depth=4 norm=rmsnorm placement=pre lr=0.016', \
     'internals-by-layer.dat' index 422 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 63 title 'arch=[] bias=true depth=4 norm=layernorm-noscale placement=pre lr=0.016', \
     'internals-by-layer.dat' index 423 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 64 title 'arch=[] bias=true depth=4 norm=batchnorm placement=pre lr=0.016', \
     'internals-by-layer.dat' index 424 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 65 title 'arch=[] bias=true depth=4 norm=powernorm placement=pre lr=0.016', \
     'internals-by-layer.dat' index 425 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 66 title 'arch=[] bias=true depth=4 norm=dyt placement=pre lr=0.016', \
     'internals-by-layer.dat' index 426 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 67 title 'arch=[] bias=true depth=4 norm=none placement=pre lr=0.016', \
     'internals-by-layer.dat' index 427 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 68 title 'arch=[] bias=true depth=4 norm=layernorm placement=post lr=0.016', \
     'internals-by-layer.dat' index 428 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 69 title 'arch=[] bias=true depth=4 norm=layernorm placement=mix lr=0.016', \
     'internals-by-layer.dat' index 429 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 70 title 'arch=[] bias=true depth=4 norm=layernorm placement=depth-scaled lr=0.016', \
     'internals-by-layer.dat' index 430 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 71 title 'arch=[arch.embedding-scale] bias=false depth=4 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.016', \
     'internals-by-layer.dat' index 431 using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc 72 title 'arch=[] bias=false depth=4 norm=dyt(alpha_ffn=0.2, alpha_final=0.2, alpha_mixer=0.8) placement=pre lr=0.016'
unset multiplot
