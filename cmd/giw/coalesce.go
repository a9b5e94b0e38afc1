package main

import (
	"bufio"
	"os"
	"strings"

	"github.com/gip-suite/gip/internal/nl/nl80211"
)

const coalesceEnableHelp = "Enable coalesce with given configuration.\n" +
	"The configuration file contains coalesce rules:\n" +
	"  delay=<delay>\n" +
	"  condition=<condition>\n" +
	"  patterns=<[offset1+]<pattern1>,<[offset2+]<pattern2>,...>\n" +
	"  delay=<delay>\n" +
	"  condition=<condition>\n" +
	"  patterns=<[offset1+]<pattern1>,<[offset2+]<pattern2>,...>\n" +
	"  ...\n" +
	"delay: maximum coalescing delay in msec.\n" +
	"condition: 1/0 i.e. 'not match'/'match' the patterns\n" +
	"patterns: each pattern is given as a bytestring with '-' in\n" +
	"places where any byte may be present, e.g. 00:11:22:-:44 will\n" +
	"match 00:11:22:33:44 and 00:11:22:33:ff:44 etc. Offset and\n" +
	"pattern should be separated by '+', e.g. 18+43:34:00:12 will\n" +
	"match '43:34:00:12' after 18 bytes of offset in Rx packet.\n"

// parseCoalesceFile reads coalesce rules: each is a "delay=" line, a
// "condition=" line and a "patterns=" line, in that order, with nothing
// else in the file. As with iw, a file that cannot be read or does not
// parse is a usage error; an empty one is an empty rule set.
func parseCoalesceFile(name string) ([]nl80211.CoalesceRule, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, &usageError{}
	}
	defer f.Close()
	rules := []nl80211.CoalesceRule{}
	var r nl80211.CoalesceRule
	step := 0 // the line expected: 0 delay, 1 condition, 2 patterns
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for sc.Scan() {
		key, val, _ := strings.Cut(trimLineEnd(sc.Text()), "=")
		switch {
		case step == 0 && key == "delay":
			n, whole := cNumber(val)
			if !whole {
				return nil, &usageError{}
			}
			r = nl80211.CoalesceRule{Delay: uint32(n)}
		case step == 1 && key == "condition":
			n, whole := cNumber(val)
			if !whole {
				return nil, &usageError{}
			}
			r.Condition = uint32(n)
		case step == 2 && key == "patterns":
			for _, s := range strings.Split(val, ",") {
				p, ok := parsePattern(s)
				if !ok {
					return nil, &usageError{}
				}
				r.Patterns = append(r.Patterns, p)
			}
			rules = append(rules, r)
		default:
			return nil, &usageError{}
		}
		step = (step + 1) % 3
	}
	if sc.Err() != nil || step != 0 {
		return nil, &usageError{}
	}
	return rules, nil
}

func runCoalesceEnable(e *env, tg target, args []string) error {
	if len(args) == 0 {
		return &usageError{}
	}
	rules, err := parseCoalesceFile(args[0])
	if err != nil {
		return err
	}
	return e.client.SetCoalesce(tg.phy.Index, rules)
}

// runCoalesceDisable ignores its arguments, as iw does.
func runCoalesceDisable(e *env, tg target, _ []string) error {
	return e.client.SetCoalesce(tg.phy.Index, nil)
}

// runCoalesceShow ignores its arguments, as iw does.
func runCoalesceShow(e *env, tg target, _ []string) error {
	rules, err := e.client.Coalesce(tg.phy.Index)
	if err != nil {
		return err
	}
	if e.opts.json {
		return printJSON(e, coalesceView(tg.phy.Name, rules))
	}
	t := &tw{w: e.stdout}
	printCoalesce(t, rules)
	return t.err
}

func conditionName(c uint32) string {
	if c != 0 {
		return "not match"
	}
	return "match"
}

// printCoalesce prints the rules as iw does; nil is disabled coalescing.
func printCoalesce(t *tw, rules []nl80211.CoalesceRule) {
	if rules == nil {
		t.f("Coalesce is disabled.\n")
		return
	}
	t.f("Coalesce is enabled:\n")
	for _, r := range rules {
		t.f("Rule - max coalescing delay: %dmsec condition:%s\n", int32(r.Delay), conditionName(r.Condition))
		for _, p := range r.Patterns {
			if !p.Valid() || p.Offset == nil {
				t.f(" * (invalid pattern specification)\n")
				continue
			}
			t.f(" * packet offset: %d pattern: %s\n", int32(*p.Offset), patternText(p))
		}
	}
}

// coalesceJSON is the JSON view of "giw -j phy X coalesce show".
type coalesceJSON struct {
	Phy     string             `json:"phy"`
	Enabled bool               `json:"enabled"`
	Rules   []coalesceRuleJSON `json:"rules"`
}

type coalesceRuleJSON struct {
	DelayMs   uint32        `json:"delay_ms"`
	Condition string        `json:"condition"` // "match"|"not match"
	Patterns  []patternJSON `json:"patterns"`
}

func coalesceView(phy string, rules []nl80211.CoalesceRule) coalesceJSON {
	v := coalesceJSON{Phy: phy, Enabled: rules != nil, Rules: []coalesceRuleJSON{}}
	for _, r := range rules {
		v.Rules = append(v.Rules, coalesceRuleJSON{DelayMs: r.Delay, Condition: conditionName(r.Condition),
			Patterns: patternsView(r.Patterns)})
	}
	return v
}
