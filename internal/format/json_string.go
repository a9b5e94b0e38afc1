package format

// AppendString appends s as a JSON string literal, as the JSON writer
// writes strings: invalid UTF-8 becomes U+FFFD.
func AppendString(b []byte, s string) []byte { return appendString(b, s) }
