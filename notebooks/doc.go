// Package notebooks holds the project's GoNB notebooks and the tests that run
// them; it has no Go API of its own.
//
// The notebooks, read in order:
//
//	01-pytorch-loop        the user's PyTorch program, cell by cell, then whole
//	02-numpy-sgd           the user's NumPy SGDWithMomentum as written, "Misclassified" ≈ 0.34
//	03-the-30-percent      the cause: (N,) against (N,1) broadcasting, the closed form
//	04-suggestions-tested  every suggestion the user got, against the L-BFGS optimum, and a playground
//
// They are committed without outputs. Each starts with a title and a summary,
// has markdown before every code cell, keeps library code in packages (data,
// logreg, logreg/chart, notebooks/playground) and takes hyperparameters as
// cell flags (%% --lr=0.01). Its first code cell joins the notebook's module
// and this checkout in a Go workspace (go.work, %goworkfix) found from
// $SGDLAB_ROOT or the notebook's folder, and turns off GoNB's automatic
// `go get` (%noautoget), so every import resolves at the versions go.mod pins.
// Its first data cell prints the data registry's message, not a panic, when
// a9a is missing.
//
// `make notebooks` executes them with nbconvert and the GoNB kernel
// (notebooks/internal/run) and writes reports/NN-name.ipynb and the
// self-contained reports/NN-name.html. The tests here check the committed
// notebooks' shape (TestCommitted), then execute every notebook, fail on any
// cell error, compare the key printed numbers with what the logreg package
// computes in the test, and open each exported report in headless Chromium,
// with and without RequireJS, to check that every chart drew (TestNotebooks).
// TestNotebooks skips when jupyter, the GoNB kernel, Chromium or a9a is
// missing, unless the environment variable CI is set, where it fails instead.
package notebooks
