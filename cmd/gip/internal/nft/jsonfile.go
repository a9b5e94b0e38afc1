package nft

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/nl/nftables"
)

// runFile applies a ruleset in nft's JSON format (libnftables-json) as one
// transaction: each command of the file becomes the command line nft's
// language gives it, and all their changes commit together.
func runFile(e *env.Env, args []string) error {
	if len(args) != 1 {
		return &fail.Error{Msg: "Error: -f needs one file", Code: fail.ExitLocal}
	}
	var r io.Reader = e.Stdin
	if args[0] != "-" {
		f, err := os.Open(args[0])
		if err != nil {
			return &fail.Error{Msg: fmt.Sprintf("Error: Could not open file \"%s\": %s", args[0], fail.Strerror(err)), Code: fail.ExitLocal, Err: err}
		}
		defer f.Close()
		r = f
	}
	lines, err := jsonLines(r)
	if err != nil {
		return err
	}
	conn, err := dial(e)
	if err != nil {
		return err
	}
	defer conn.Close()
	c := &change{tx: &nftables.Tx{}, conn: conn}
	for _, l := range lines {
		if err := c.line(l); err != nil {
			return fileError(err)
		}
	}
	if err := c.commit(); err != nil {
		return fileError(err)
	}
	return nil
}

// jsonError is what nft says of a command of a JSON file it cannot read:
// its messages, the innermost first ("Unknown statement object 'x'.",
// "Parsing expr array at index 0 failed.", ...).
type jsonError struct{ msgs []string }

func (e *jsonError) Error() string { return strings.Join(e.msgs, " ") }

// within adds nft's "Parsing ARRAY array at index I failed." to err.
func within(err error, array string, i int) error {
	je, ok := err.(*jsonError)
	if !ok {
		je = &jsonError{msgs: []string{err.Error()}}
	}
	je.msgs = append(je.msgs, fmt.Sprintf("Parsing %s array at index %d failed.", array, i))
	return je
}

// fileError is an error of nft -j -f as nft prints it: each message with
// the location of what has none in a JSON file ("internal:0:0-0"), and an
// empty line after each; of an nft error on a command line, the message.
func fileError(err error) error {
	var msgs []string
	var fe *fail.Error
	var je *jsonError
	switch {
	case errors.As(err, &je):
		msgs = je.msgs
	case errors.As(err, &fe) && strings.HasPrefix(fe.Msg, "Error: "):
		first, _, _ := strings.Cut(strings.TrimPrefix(fe.Msg, "Error: "), "\n")
		msgs = []string{first}
	default:
		return err
	}
	var b strings.Builder
	for _, m := range msgs {
		b.WriteString("internal:0:0-0: Error: " + m + "\n\n")
	}
	return &fail.Error{Msg: b.String(), Code: fail.ExitLocal, Bare: true, Err: err}
}

// jsonLines reads a JSON ruleset into the command lines that make it, in
// the order they can be applied.
func jsonLines(r io.Reader) ([][]string, error) {
	var doc struct {
		Nftables []map[string]any `json:"nftables"`
	}
	dec := json.NewDecoder(r)
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil || doc.Nftables == nil {
		return nil, &fail.Error{Msg: "Error: syntax error, the file is not nft's JSON ruleset", Code: fail.ExitLocal}
	}
	var lines [][]string
	for i, item := range doc.Nftables {
		for verb, body := range item {
			ls, err := jsonCommand(verb, body)
			if err != nil {
				return nil, fileError(within(err, "command", i))
			}
			lines = append(lines, ls...)
		}
	}
	orderAdds(lines)
	return lines, nil
}

var jsonVerbs = map[string]bool{"add": true, "create": true, "insert": true, "replace": true, "delete": true, "flush": true}

// jsonCommand turns one command of the file into command lines.
func jsonCommand(verb string, body any) ([][]string, error) {
	if verb == "metainfo" {
		return nil, nil
	}
	kind := verb
	if jsonVerbs[verb] {
		inner, ok := body.(map[string]any)
		if !ok || len(inner) != 1 {
			return nil, fmt.Errorf("a command holds one object")
		}
		for k, v := range inner {
			kind, body = k, v
		}
	} else {
		verb = "add"
	}
	obj, ok := body.(map[string]any)
	if !ok && body != nil {
		return nil, fmt.Errorf("%s: not an object", kind)
	}
	j := jsonObj(obj)
	switch kind {
	case "ruleset":
		return [][]string{{verb, "ruleset"}}, nil
	case "counter", "quota":
		line := []string{verb, kind, j.str("family", "ip"), j.str("table", ""), j.str("name", "")}
		if verb != "add" && verb != "create" {
			return [][]string{line}, nil
		}
		spec := "packets " + j.str("packets", "0") + " bytes " + j.str("bytes", "0")
		if kind == "quota" {
			spec = j.str("bytes", "0") + " bytes used " + j.str("used", "0") + " bytes"
			if j["inv"] == true {
				spec = "over " + spec
			}
		}
		return [][]string{append(line, "{ "+spec+" }")}, nil
	case "table":
		line := []string{verb, "table", j.str("family", "ip"), j.str("name", "")}
		if verb == "delete" && j.has("handle") {
			line[3] = "handle " + j.str("handle", "")
		}
		if fl := j.list("flags"); len(fl) > 0 && verb != "delete" {
			line = append(line, "{ flags "+strings.Join(fl, ",")+" ; }")
		}
		return [][]string{line}, nil
	case "chain":
		line := []string{verb, "chain", j.str("family", "ip"), j.str("table", ""), j.str("name", "")}
		if j.has("hook") && verb != "delete" && verb != "flush" {
			spec := "{ type " + j.str("type", "filter") + " hook " + j.str("hook", "")
			if j.has("dev") {
				spec += " device " + strconv.Quote(j.str("dev", ""))
			}
			spec += " priority " + j.str("prio", "0") + " ;"
			if j.has("policy") {
				spec += " policy " + j.str("policy", "") + " ;"
			}
			line = append(line, spec+" }")
		}
		return [][]string{line}, nil
	case "set", "map":
		line := []string{verb, kind, j.str("family", "ip"), j.str("table", ""), j.str("name", "")}
		if verb == "delete" || verb == "flush" {
			return [][]string{line}, nil
		}
		spec := "{ type " + strings.Join(j.list("type"), " . ")
		if kind == "map" {
			spec += " : " + j.str("map", "")
		}
		spec += " ;"
		if fl := j.list("flags"); len(fl) > 0 {
			spec += " flags " + strings.Join(fl, ",") + " ;"
		}
		for _, k := range []string{"timeout", "gc-interval"} {
			if j.has(k) {
				spec += " " + k + " " + j.str(k, "") + "s ;"
			}
		}
		if j.has("size") {
			spec += " size " + j.str("size", "") + " ;"
		}
		if j.has("comment") {
			spec += " comment " + strconv.Quote(j.str("comment", "")) + " ;"
		}
		if els, ok := j["elem"].([]any); ok && len(els) > 0 {
			text, err := jsonElements(els)
			if err != nil {
				return nil, err
			}
			spec += " elements = " + text + " ;"
		}
		return [][]string{append(line, spec+" }")}, nil
	case "element":
		els, _ := j["elem"].([]any)
		text, err := jsonElements(els)
		if err != nil {
			return nil, err
		}
		return [][]string{{verb, "element", j.str("family", "ip"), j.str("table", ""), j.str("name", ""), text}}, nil
	case "rule":
		line := []string{verb, "rule", j.str("family", "ip"), j.str("table", ""), j.str("chain", "")}
		switch {
		case verb == "delete" || verb == "replace":
			line = append(line, "handle", j.str("handle", ""))
			if verb == "delete" {
				return [][]string{line}, nil
			}
		case j.has("handle") && verb != "add":
			line = append(line, "position", j.str("handle", ""))
		}
		exprs, _ := j["expr"].([]any)
		for i, x := range exprs {
			s, err := jsonStatement(x)
			if err != nil {
				return nil, within(err, "expr", i)
			}
			line = append(line, s)
		}
		if j.has("comment") {
			line = append(line, "comment", strconv.Quote(j.str("comment", "")))
		}
		return [][]string{line}, nil
	}
	return nil, &jsonError{msgs: []string{"Unknown object passed to " + verb + " command."}}
}

// jsonObj is a JSON object of the file.
type jsonObj map[string]any

func (j jsonObj) has(k string) bool { _, ok := j[k]; return ok }

func (j jsonObj) str(k, def string) string {
	switch v := j[k].(type) {
	case string:
		return v
	case json.Number:
		return v.String()
	}
	return def
}

// list reads a string or a list of strings.
func (j jsonObj) list(k string) []string {
	switch v := j[k].(type) {
	case string:
		return []string{v}
	case []any:
		var out []string
		for _, x := range v {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// jsonValue renders a value (right hand side or element) in nft's
// language.
func jsonValue(v any) (string, error) {
	switch v := v.(type) {
	case string:
		if strings.HasPrefix(v, "@") {
			return v, nil
		}
		return strconv.Quote(v), nil
	case json.Number:
		return v.String(), nil
	case bool:
		return strconv.FormatBool(v), nil
	case []any:
		parts := make([]string, len(v))
		for i, x := range v {
			s, ok := x.(string)
			if !ok {
				return "", fmt.Errorf("a list of flags holds strings")
			}
			parts[i] = s
		}
		return strings.Join(parts, ","), nil
	case map[string]any:
		for k, x := range v {
			switch k {
			case "prefix":
				p := jsonObj(asMap(x))
				return p.str("addr", "") + "/" + p.str("len", ""), nil
			case "range":
				r, _ := x.([]any)
				if len(r) != 2 {
					return "", fmt.Errorf("a range has two ends")
				}
				lo, err := jsonValue(r[0])
				if err != nil {
					return "", err
				}
				hi, err := jsonValue(r[1])
				if err != nil {
					return "", err
				}
				return strings.Trim(lo, `"`) + "-" + strings.Trim(hi, `"`), nil
			case "set":
				els, _ := x.([]any)
				return jsonElements(els)
			case "concat":
				parts, _ := x.([]any)
				out := make([]string, len(parts))
				for i, p := range parts {
					s, err := jsonValue(p)
					if err != nil {
						return "", err
					}
					out[i] = s
				}
				return strings.Join(out, " . "), nil
			case "accept", "drop", "continue", "return":
				return k, nil
			case "jump", "goto":
				return k + " " + jsonObj(asMap(x)).str("target", ""), nil
			case "elem":
				e := jsonObj(asMap(x))
				s, err := jsonValue(e["val"])
				if err != nil {
					return "", err
				}
				if e.has("timeout") {
					s += " timeout " + e.str("timeout", "") + "s"
				}
				return s, nil
			}
		}
	}
	return "", fmt.Errorf("unsupported value %v", v)
}

func asMap(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

// jsonElements renders a list of elements: { a, b : c }.
func jsonElements(els []any) (string, error) {
	parts := make([]string, len(els))
	for i, el := range els {
		if pair, ok := el.([]any); ok && len(pair) == 2 {
			k, err := jsonValue(pair[0])
			if err != nil {
				return "", err
			}
			d, err := jsonValue(pair[1])
			if err != nil {
				return "", err
			}
			parts[i] = k + " : " + d
			continue
		}
		s, err := jsonValue(el)
		if err != nil {
			return "", err
		}
		parts[i] = s
	}
	return "{ " + strings.Join(parts, ", ") + " }", nil
}

// jsonSelector renders the left hand side of a match.
func jsonSelector(v any) (string, error) {
	m := asMap(v)
	for k, x := range m {
		o := jsonObj(asMap(x))
		switch k {
		case "payload":
			if !o.has("protocol") {
				return "", fmt.Errorf("raw payload expressions are not supported")
			}
			return o.str("protocol", "") + " " + o.str("field", ""), nil
		case "meta":
			return "meta " + o.str("key", ""), nil
		case "ct":
			if o.has("dir") {
				return "", fmt.Errorf("ct with a direction is not supported")
			}
			return "ct " + o.str("key", ""), nil
		case "concat":
			parts, _ := x.([]any)
			out := make([]string, len(parts))
			for i, p := range parts {
				s, err := jsonSelector(p)
				if err != nil {
					return "", err
				}
				out[i] = s
			}
			return strings.Join(out, " . "), nil
		}
	}
	return "", fmt.Errorf("unsupported expression %v", v)
}

// jsonStatement renders one statement of a rule.
func jsonStatement(v any) (string, error) {
	m := asMap(v)
	if len(m) != 1 {
		return "", fmt.Errorf("a statement is an object of one member")
	}
	keys := make([]string, 0, 1)
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	k := keys[0]
	x := m[k]
	o := jsonObj(asMap(x))
	switch k {
	case "match":
		left, err := jsonSelector(o["left"])
		if err != nil {
			return "", err
		}
		right, err := jsonValue(o["right"])
		if err != nil {
			return "", err
		}
		op := o.str("op", "==")
		if op == "in" {
			return left + " " + right, nil
		}
		return left + " " + op + " " + right, nil
	case "vmap":
		key, err := jsonSelector(o["key"])
		if err != nil {
			return "", err
		}
		data, err := jsonValue(o["data"])
		if err != nil {
			return "", err
		}
		return key + " vmap " + data, nil
	case "accept", "drop", "continue", "return":
		return k, nil
	case "jump", "goto":
		return k + " " + o.str("target", ""), nil
	case "counter":
		if name, ok := x.(string); ok {
			return "counter name " + strconv.Quote(name), nil
		}
		return "counter", nil
	case "limit":
		s := "limit rate "
		if o["inv"] == true {
			s += "over "
		}
		if o.has("rate_unit") {
			s += o.str("rate", "") + " " + o.str("rate_unit", "") + "/" + o.str("per", "second")
			if b := o.str("burst", "0"); b != "0" {
				s += " burst " + b + " " + o.str("burst_unit", "bytes")
			}
			return s, nil
		}
		s += o.str("rate", "") + "/" + o.str("per", "second")
		if b := o.str("burst", "5"); b != "5" && b != "0" {
			s += " burst " + b + " packets"
		}
		return s, nil
	case "log":
		s := "log"
		if o.has("prefix") {
			s += " prefix " + strconv.Quote(o.str("prefix", ""))
		}
		for _, f := range []string{"level", "group", "snaplen", "queue-threshold"} {
			if o.has(f) {
				s += " " + f + " " + o.str(f, "")
			}
		}
		var tcp []string
		for _, f := range o.list("flags") {
			switch f {
			case "tcp sequence":
				tcp = append(tcp, "sequence")
			case "tcp options":
				tcp = append(tcp, "options")
			default:
				s += " flags " + f
			}
		}
		if len(tcp) > 0 {
			s += " flags tcp " + strings.Join(tcp, ",")
		}
		return s, nil
	case "reject":
		switch t := o.str("type", ""); t {
		case "":
			return "reject", nil
		case "tcp reset":
			return "reject with tcp reset", nil
		default:
			return "reject with " + t + " type " + o.str("expr", "port-unreachable"), nil
		}
	case "quota":
		if name, ok := x.(string); ok {
			return "quota name " + strconv.Quote(name), nil
		}
		s := "quota "
		if o["inv"] == true {
			s += "over "
		}
		return s + o.str("val", "") + " " + o.str("val_unit", "bytes"), nil
	case "snat", "dnat", "masquerade", "redirect":
		s := k
		if o.has("family") {
			s += " " + o.str("family", "")
		}
		var target string
		if o.has("addr") {
			a, err := jsonValue(o["addr"])
			if err != nil {
				return "", err
			}
			a = strings.Trim(a, `"`)
			if o.has("port") && o.str("family", "") == "ip6" {
				lo, hi, isRange := strings.Cut(a, "-")
				a = "[" + lo + "]"
				if isRange {
					a += "-[" + hi + "]"
				}
			}
			target = a
		}
		if o.has("port") {
			p, err := jsonValue(o["port"])
			if err != nil {
				return "", err
			}
			target += ":" + strings.Trim(p, `"`)
		}
		if target != "" {
			s += " to " + target
		}
		if fl := o.list("flags"); len(fl) > 0 {
			s += " " + strings.Join(fl, ",")
		}
		return s, nil
	}
	return "", &jsonError{msgs: []string{fmt.Sprintf("Unknown statement object '%s'.", k)}}
}

// addRank orders the objects a run of additions makes so that each
// exists before what refers to it: nft's listing puts sets, whose map
// elements may jump to chains, before the chains.
var addRank = map[string]int{"table": 0, "counter": 1, "quota": 1, "chain": 1, "set": 2, "map": 2, "element": 3, "rule": 4}

// orderAdds sorts each run of consecutive add and create commands by
// what they make, keeping their order otherwise.
func orderAdds(lines [][]string) {
	isAdd := func(l []string) bool { return len(l) > 1 && (l[0] == "add" || l[0] == "create") }
	for i := 0; i < len(lines); {
		j := i
		for j < len(lines) && isAdd(lines[j]) {
			j++
		}
		if j == i {
			i++
			continue
		}
		run := lines[i:j]
		sort.SliceStable(run, func(a, b int) bool { return addRank[run[a][1]] < addRank[run[b][1]] })
		i = j
	}
}
