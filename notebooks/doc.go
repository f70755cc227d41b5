// Package notebooks holds the project's GoNB notebooks and the tests that run
// them; it has no Go API of its own.
//
// The notebooks, read in order:
//
//	01-pytorch-loop        the user's PyTorch program, cell by cell, then whole
//	02-numpy-sgd           the user's NumPy SGDWithMomentum as written, "Misclassified" ≈ 0.34
//	03-the-30-percent      the cause: (N,) against (N,1) broadcasting, the closed form
//	04-suggestions-tested  every suggestion the user got, against the L-BFGS optimum, and a playground
//	05-speed               why the Go loop is fast: sparse steps, the lazy L2 scale, momentum caught up, an RCV1-shaped set
//	06-what-helps          the user's second question: a decaying rate, averaging, AdaGrad, momentum,
//	                       as F − F* per epoch; what helps (how close, how fast) and what does not
//
// They are committed without outputs. `make lab` opens working copies of them
// in notebooks/work/, which git ignores, so a user's saved outputs stay there
// and the committed files stay clean. Each notebook starts with a title, a
// summary and how to run it, has markdown before every code cell, keeps
// library code in packages (data, logreg, logreg/chart, notebooks/nb,
// notebooks/playground) and takes hyperparameters as cell flags
// (%% --lr=0.01).
//
// Every code cell runs on its own, after a kernel restart too: one that
// imports the project starts with nb.Setup, a shell command that joins GoNB's
// module and this checkout in a Go workspace once per kernel, and loads a9a
// with nb.A9A(), which prints the data registry's message instead of
// panicking when a9a is missing.
//
// `make notebooks` executes them with nbconvert and the GoNB kernel
// (notebooks/internal/run) and writes reports/NN-name.ipynb and the
// self-contained reports/NN-name.html. The tests here check the committed
// notebooks as git would commit them (TestCommitted); execute every notebook
// with each code cell isolated as after a kernel restart, fail on any cell
// error, compare the key printed numbers with what the logreg package
// computes in the test, and open each exported report in headless Chromium,
// with and without RequireJS, to check that every chart drew
// (TestNotebooks); and drive a live notebook server through Run All, a
// slider move and a page reload (TestLive). They skip when jupyter, the GoNB
// kernel, Chromium or a9a is missing, unless the environment variable CI is
// set, where they fail instead.
package notebooks
