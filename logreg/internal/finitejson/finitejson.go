package finitejson

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
)

// Marshal returns the JSON form of the struct v, with null for a float64
// that is not finite.
func Marshal(v any) ([]byte, error) {
	src := reflect.ValueOf(v)
	if src.Kind() != reflect.Struct {
		panic("finitejson: Marshal of a " + src.Kind().String() + ", want a struct")
	}
	dst := reflect.New(nullable(src.Type())).Elem()
	copyFields(dst, src)
	return json.Marshal(dst.Interface())
}

// Unmarshal reads the JSON form of a struct into the struct v points to,
// with NaN for null in a float64; as encoding/json does, a field the JSON
// leaves out keeps its value.
func Unmarshal(b []byte, v any) error {
	dst := reflect.ValueOf(v)
	if dst.Kind() != reflect.Pointer || dst.Elem().Kind() != reflect.Struct {
		panic(fmt.Sprintf("finitejson: Unmarshal into a %T, want a pointer to a struct", v))
	}
	dst = dst.Elem()
	src := reflect.New(nullable(dst.Type()))
	copyFields(src.Elem(), dst)
	if err := json.Unmarshal(b, src.Interface()); err != nil {
		return err
	}
	copyFields(dst, src.Elem())
	return nil
}

// nullable returns struct type t with number for float64 and []number for
// []float64, and t's other fields and tags as they are. The new type has
// no methods, so encoding/json does not call back into the caller's.
func nullable(t reflect.Type) reflect.Type {
	fields := make([]reflect.StructField, t.NumField())
	for k := range fields {
		f := t.Field(k)
		switch {
		case f.Type.Kind() == reflect.Float64:
			f.Type = numberType
		case f.Type.Kind() == reflect.Slice && f.Type.Elem().Kind() == reflect.Float64:
			f.Type = reflect.SliceOf(numberType)
		}
		fields[k] = f
	}
	return reflect.StructOf(fields)
}

// copyFields sets each field of dst to src's, between a struct type and
// its nullable form, either way.
func copyFields(dst, src reflect.Value) {
	for k := range src.NumField() {
		from, to := src.Field(k), dst.Field(k)
		if from.Kind() == reflect.Slice && from.Type().Elem().Kind() == reflect.Float64 {
			to.Set(reflect.MakeSlice(to.Type(), from.Len(), from.Len()))
			for e := range from.Len() {
				to.Index(e).SetFloat(from.Index(e).Float())
			}
			continue
		}
		to.Set(from.Convert(to.Type()))
	}
}

// number is a float64 whose JSON form is null when it is not finite.
type number float64

var numberType = reflect.TypeFor[number]()

func (x number) MarshalJSON() ([]byte, error) {
	if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
		return []byte("null"), nil
	}
	return json.Marshal(float64(x))
}

func (x *number) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*x = number(math.NaN())
		return nil
	}
	return json.Unmarshal(b, (*float64)(x))
}
