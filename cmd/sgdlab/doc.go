// Command sgdlab runs the seed's two programs from a terminal, on a9a or on
// any LIBSVM train/test pair, and prints what they print; and a third loop,
// scikit-learn's per-sample SGD, with its distance to the optimum.
//
// Usage:
//
//	sgdlab torch [flags]   the PyTorch per-sample loop: its epoch lines and final accuracies
//	sgdlab numpy [flags]   the NumPy SGDWithMomentum loop: its epoch lines, with the
//	                       correct train and test error beside the printed "Misclassified"
//	sgdlab sgd [flags]     scikit-learn's SGDClassifier one sample at a time, flags named
//	                       after its parameters (-learning-rate, -eta0, -power-t, -alpha,
//	                       -average, ...): each epoch's objective F, F − F*, and the
//	                       train and test error; -json adds the final coef and intercept
//	sgdlab fetch [flags]   find or download a9a and check its content
//	sgdlab bench [flags]   time the Go loops, and the seed's programs and
//	                       scikit-learn when /usr/bin/python3 has them (BENCHMARKS.md),
//	                       and Bottou's svmsgd when -svmsgd names a build of it
//	sgdlab gen [flags]     write a synthetic LIBSVM set of a given shape (-shape rcv1)
//
// Run "sgdlab torch -h" for the flags. Bad flags exit 2 with a one-line
// error; unreadable or malformed data exits 1 with the file, line and cause;
// Ctrl-C exits 130.
package main
