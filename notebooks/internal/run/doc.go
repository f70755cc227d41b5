// Command run is the job behind `make notebooks`: it executes every numbered
// notebook in notebooks/ top to bottom with nbconvert and the GoNB kernel,
// and writes, per notebook, the executed copy reports/NN-name.ipynb and the
// self-contained page reports/NN-name.html (nbrun.Runner.Export: echarts
// embedded, no network needed). The committed notebooks are not touched.
//
// Usage (from anywhere in the module):
//
//	go run ./notebooks/internal/run [-out reports] [-only 03] [-timeout 10m]
//
// It exits 1 when a notebook has a failing cell or cannot be exported, after
// trying all of them.
package main
