package chart_test

import (
	"fmt"

	"github.com/sgdlab/sgdlab/logreg"
	"github.com/sgdlab/sgdlab/logreg/chart"
)

func ExampleField_Series() {
	h := &logreg.History{Loop: "numpy", Epochs: []logreg.Record{
		{Epoch: 0, Loss: 0.6931, AsWrittenError: 0.3606, TrainError: 0.2408},
		{Epoch: 1, Loss: 0.3811, AsWrittenError: 0.3392, TrainError: 0.1582},
	}}
	for _, f := range []chart.Field{chart.Printed(h), chart.TrainError} {
		s := f.Series("", h)
		fmt.Printf("%s: x=%v y=%.4f\n", s.Name, s.X, s.Y)
	}
	// Output:
	// misclassified (as written): x=[0 1] y=[0.3606 0.3392]
	// train error: x=[0 1] y=[0.2408 0.1582]
}

func ExampleTable() {
	fmt.Print(chart.Table([]string{"run", "test error"}, [][]string{{"a < b", "0.1500"}}))
	// Output:
	// <table class="sgdlab-table" style="border-collapse:collapse;font-variant-numeric:tabular-nums">
	// <thead><tr><th style="text-align:left;padding:2px 10px;border-bottom:1px solid #888">run</th><th style="text-align:left;padding:2px 10px;border-bottom:1px solid #888">test error</th></tr></thead>
	// <tbody>
	// <tr><td style="text-align:left;padding:2px 10px">a &lt; b</td><td style="text-align:left;padding:2px 10px">0.1500</td></tr>
	// </tbody></table>
}
