package nftables

// The decoders of the kernel's objects, for messages read elsewhere (a
// monitor, a test): attrs is the payload after struct nfgenmsg.

// DecodeTable decodes a table of family f.
func DecodeTable(f Family, attrs []byte) (Table, error) { return decodeTable(f, attrs) }

// DecodeChain decodes a chain of family f.
func DecodeChain(f Family, attrs []byte) (Chain, error) { return decodeChain(f, attrs) }

// DecodeSet decodes a set of family f.
func DecodeSet(f Family, attrs []byte) (Set, error) { return decodeSet(f, attrs) }

// DecodeElements decodes the elements of a set of family f.
func DecodeElements(f Family, attrs []byte) (Elements, error) { return decodeElements(f, attrs) }

// DecodeRule decodes a rule of family f.
func DecodeRule(f Family, attrs []byte) (Rule, error) { return decodeRule(f, attrs) }

// Encode returns the attributes of a rule as a change carries them.
func (r *Rule) Encode() ([]byte, error) {
	e := newEncoder()
	r.encode(e)
	return e.Encode()
}

// Encode returns the attributes of a set as a change carries them.
func (s *Set) Encode() ([]byte, error) {
	e := newEncoder()
	s.encode(e)
	return e.Encode()
}

// Encode returns the attributes of a list of elements.
func (s *Elements) Encode() ([]byte, error) {
	e := newEncoder()
	s.encode(e)
	return e.Encode()
}
