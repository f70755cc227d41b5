// Package finitejson writes the float64 fields of a struct that are not
// finite (NaN, ±Inf) as JSON null, and reads null back as NaN, where
// encoding/json has no form for them and fails. A diverged run's History
// has such numbers, and its JSON must still be written, and read.
//
// Marshal and Unmarshal take a struct whose fields are all exported. A
// field of type float64 or []float64 is written with null for a number
// that is not finite; every other field, and the tags, as encoding/json
// writes them. Passing anything but a struct (Marshal) or a pointer to one
// (Unmarshal) panics: it is a programmer's error.
package finitejson
