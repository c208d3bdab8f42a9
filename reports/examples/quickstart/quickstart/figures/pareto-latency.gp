# Pareto front: exact_match against latency
# Regenerate: gnuplot pareto-latency.gp (run in this folder)
set terminal svg size 800,520 dynamic font 'Helvetica,13' background rgb 'white'
set output 'pareto-latency.svg'
set title 'Pareto front: exact_match vs latency'
set xlabel 'median latency (s)'
set ylabel 'eval.exact_match (fraction)'
set grid lc rgb '#dddddd'
set key outside right top box opaque font ',10'
set border 3
set tics nomirror
set termoption noenhanced
set logscale x
set format x '%g'
set label 1 'ffn=mlp norm=layernorm compress:prune.nm' at 0.00011342286790132452,0.640625 offset 0.6,0.4 font ',8' tc rgb '#555555'
set label 2 'ffn=mlp norm=layernorm compress:prune.nm>quant.int4' at 5.35323025886962e-05,0.63671875 offset 0.6,0.4 font ',8' tc rgb '#555555'
set label 3 'ffn=mlp norm=layernorm compress:quant.int8' at 5.3716736817334195e-05,0.79296875 offset 0.6,0.4 font ',8' tc rgb '#555555'
set label 4 'ffn=mlp norm=layernorm' at 8.4989841676967132e-05,0.79166666666666663 offset 0.6,0.4 font ',8' tc rgb '#555555'
set label 5 'ffn=swiglu norm=layernorm compress:prune.nm' at 3.6810759276569889e-05,0.68098958333333337 offset 0.6,0.4 font ',8' tc rgb '#555555'
set label 6 'ffn=swiglu norm=layernorm compress:prune.nm>quant.int4' at 5.5100729770020805e-05,0.67578125 offset 0.6,0.4 font ',8' tc rgb '#555555'
set label 7 'ffn=swiglu norm=layernorm compress:quant.int8' at 5.5031946013096366e-05,0.82942708333333337 offset 0.6,0.4 font ',8' tc rgb '#555555'
set label 8 'ffn=swiglu norm=layernorm' at 3.4009932216761981e-05,0.82552083333333337 offset 0.6,0.4 font ',8' tc rgb '#555555'
set label 9 'ffn=mlp norm=rmsnorm compress:prune.nm' at 4.9717050023900812e-05,0.67838541666666663 offset 0.6,0.4 font ',8' tc rgb '#555555'
set label 10 'ffn=mlp norm=rmsnorm compress:prune.nm>quant.int4' at 6.5960687493316073e-05,0.67708333333333337 offset 0.6,0.4 font ',8' tc rgb '#555555'
set label 11 'ffn=mlp norm=rmsnorm compress:quant.int8' at 6.533165628752613e-05,0.80338541666666663 offset 0.6,0.4 font ',8' tc rgb '#555555'
set label 12 'ffn=mlp norm=rmsnorm' at 4.4677543448177978e-05,0.80338541666666663 offset 0.6,0.4 font ',8' tc rgb '#555555'
set label 13 'ffn=swiglu norm=rmsnorm compress:prune.nm' at 4.983768294772656e-05,0.69401041666666663 offset 0.6,0.4 font ',8' tc rgb '#555555'
set label 14 'ffn=swiglu norm=rmsnorm compress:prune.nm>quant.int4' at 0.00015022709668565152,0.6953125 offset 0.6,0.4 font ',8' tc rgb '#555555'
set label 15 'ffn=swiglu norm=rmsnorm compress:quant.int8' at 0.0001367508387286967,0.78776041666666663 offset 0.6,0.4 font ',8' tc rgb '#555555'
set label 16 'ffn=swiglu norm=rmsnorm' at 6.4704363632534466e-05,0.78645833333333337 offset 0.6,0.4 font ',8' tc rgb '#555555'
set label 17 'ffn=mlp norm=dyt compress:prune.nm' at 7.2719945455901319e-05,0.015625 offset 0.6,0.4 font ',8' tc rgb '#555555'
set label 18 'ffn=mlp norm=dyt compress:prune.nm>quant.int4' at 7.3607115364911107e-05,0.015625 offset 0.6,0.4 font ',8' tc rgb '#555555'
set label 19 'ffn=mlp norm=dyt compress:quant.int8' at 9.9456899988581426e-05,0.015625 offset 0.6,0.4 font ',8' tc rgb '#555555'
set label 20 'ffn=mlp norm=dyt' at 7.5615701608776651e-05,0.015625 offset 0.6,0.4 font ',8' tc rgb '#555555'
set label 21 'ffn=swiglu norm=dyt compress:prune.nm' at 6.4921928567075943e-05,0.0091145833333333339 offset 0.6,0.4 font ',8' tc rgb '#555555'
set label 22 'ffn=swiglu norm=dyt compress:prune.nm>quant.int4' at 0.00010482448684151198,0.0091145833333333339 offset 0.6,0.4 font ',8' tc rgb '#555555'
set label 23 'ffn=swiglu norm=dyt compress:quant.int8' at 8.5317881616662672e-05,0.015625 offset 0.6,0.4 font ',8' tc rgb '#555555'
set label 24 'ffn=swiglu norm=dyt' at 6.2057852477157772e-05,0.015625 offset 0.6,0.4 font ',8' tc rgb '#555555'
plot 'pareto-latency.dat' index 2 using 1:2 with linespoints lw 2 pt 7 ps 1.6 lc rgb '#d95f02' title 'frontier', \
     '' index 0 using 1:2 with points pt 7 ps 1 lc rgb '#1b9e77' title 'measured', \
     '' index 1 using 1:2 with points pt 6 ps 1.4 lc rgb '#7570b3' title 'simulated (analytic cost)'
