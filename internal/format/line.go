package format

// AppendLine appends one record as a monitor prints it as it comes: its
// text in opts' layout and colours, or under opts.JSON one compact JSON
// object and a newline (JSON lines; opts.Pretty does not apply).
func AppendLine(b []byte, r FieldRecord, opts Options) []byte {
	if opts.JSON {
		j := NewJSONWriter(false)
		j.StartObject()
		r.Fields(NewJSONFields(j, opts.Mode))
		j.EndObject()
		return append(append(b, j.Bytes()...), '\n')
	}
	t := NewText(opts.Mode, opts.Color)
	t.b = b
	r.Fields(NewTextFields(t))
	return t.b
}
