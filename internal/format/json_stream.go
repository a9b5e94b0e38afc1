package format

import (
	"io"
	"strconv"
)

// Typed values and draining for JSONWriter, so that a long array (a route
// table) streams in constant memory without boxing each value in an any.

// StreamTo writes what was written so far to dst and empties the buffer;
// the writer's nesting state is kept, so writing continues where it was.
func (w *JSONWriter) StreamTo(dst io.Writer) error {
	if len(w.b) == 0 {
		return nil
	}
	_, err := dst.Write(w.b)
	w.b = w.b[:0]
	return err
}

// Buffered is the number of bytes written since the last StreamTo.
func (w *JSONWriter) Buffered() int { return len(w.b) }

// StringValue writes a string value.
func (w *JSONWriter) StringValue(s string) {
	w.eor()
	w.b = appendString(w.b, s)
}

// BytesValue writes b, which must need no escaping (an address, a
// number-like token), as a string value.
func (w *JSONWriter) BytesValue(b []byte) {
	w.eor()
	w.b = append(w.b, '"')
	w.b = append(w.b, b...)
	w.b = append(w.b, '"')
}

// UintValue writes an unsigned number.
func (w *JSONWriter) UintValue(v uint64) {
	w.eor()
	w.b = strconv.AppendUint(w.b, v, 10)
}

// IntValue writes a signed number.
func (w *JSONWriter) IntValue(v int64) {
	w.eor()
	w.b = strconv.AppendInt(w.b, v, 10)
}

// BoolValue writes true or false.
func (w *JSONWriter) BoolValue(v bool) {
	w.eor()
	w.b = strconv.AppendBool(w.b, v)
}

// NullValue writes null.
func (w *JSONWriter) NullValue() {
	w.eor()
	w.b = append(w.b, "null"...)
}

// FloatValue writes a number as C's %g does (timers in seconds).
func (w *JSONWriter) FloatValue(v float64) {
	w.eor()
	w.b = strconv.AppendFloat(w.b, v, 'g', 6, 64)
}
