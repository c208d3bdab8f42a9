# Pareto front: token_accuracy against model_bytes
# Regenerate: gnuplot pareto-model-bytes.gp (run in this folder)
set terminal svg size 800,520 dynamic font 'Helvetica,13' background rgb 'white'
set output 'pareto-model-bytes.svg'
set title 'Pareto front: token_accuracy vs model_bytes'
set xlabel 'model size (bytes)'
set ylabel 'eval.token_accuracy (fraction)'
set grid lc rgb '#dddddd'
set key outside right top box opaque font ',10'
set border 3
set tics nomirror
set termoption noenhanced
set logscale x
set format x '%g'
set label 1 'ffn=mlp width=32' at 173952,0.27069099378881989 offset 0.6,0.4 font ',8' tc rgb '#555555'
set label 2 'ffn=mlp width=48' at 333456,0.27505822981366457 offset 0.6,0.4 font ',8' tc rgb '#555555'
set label 3 'ffn=mlp width=64' at 542112,0.27932841614906834 offset 0.6,0.4 font ',8' tc rgb '#555555'
set label 4 'ffn=mlp width=96' at 1106864,0.29926242236024847 offset 0.6,0.4 font ',8' tc rgb '#555555'
set label 5 'ffn=lowrank width=32' at 124120,0.25925854037267082 offset 0.6,0.4 font ',8' tc rgb '#555555'
set label 6 'ffn=lowrank width=48' at 220928,0.27053571428571432 offset 0.6,0.4 font ',8' tc rgb '#555555'
set label 7 'ffn=lowrank width=64' at 341784,0.26327639751552795 offset 0.6,0.4 font ',8' tc rgb '#555555'
set label 8 'ffn=lowrank width=96' at 663328,0.265625 offset 0.6,0.4 font ',8' tc rgb '#555555'
set label 9 'ffn=blockdiag width=32' at 129232,0.27096273291925466 offset 0.6,0.4 font ',8' tc rgb '#555555'
set label 10 'ffn=blockdiag width=48' at 232456,0.28086180124223603 offset 0.6,0.4 font ',8' tc rgb '#555555'
set label 11 'ffn=blockdiag width=64' at 362264,0.29305124223602486 offset 0.6,0.4 font ',8' tc rgb '#555555'
set label 12 'ffn=blockdiag width=96' at 701720,0.30335791925465838 offset 0.6,0.4 font ',8' tc rgb '#555555'
set label 13 'ffn=moe width=32' at 378024,0.26667313664596271 offset 0.6,0.4 font ',8' tc rgb '#555555'
set label 14 'ffn=moe width=48' at 785712,0.26290760869565216 offset 0.6,0.4 font ',8' tc rgb '#555555'
set label 15 'ffn=moe width=64' at 1340888,0.26203416149068326 offset 0.6,0.4 font ',8' tc rgb '#555555'
set label 16 'ffn=moe width=96' at 2893584,0.25498835403726705 offset 0.6,0.4 font ',8' tc rgb '#555555'
plot 'pareto-model-bytes.dat' index 2 using 1:2 with linespoints lw 2 pt 7 ps 1.6 lc rgb '#d95f02' title 'frontier', \
     '' index 0 using 1:2 with points pt 7 ps 1 lc rgb '#1b9e77' title 'measured'
