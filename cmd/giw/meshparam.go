package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/internal/nl/nl80211"
	"golang.org/x/sys/unix"
)

// meshParamKind is how a mesh parameter's value is read and printed.
type meshParamKind int

const (
	meshU8 meshParamKind = iota
	meshBool
	meshU16
	meshU32
	meshS32
	meshPowerMode
)

// meshParam is one of iw's mesh parameters, in iw's order.
type meshParam struct {
	name string
	attr uint16
	kind meshParamKind
	unit string // printed after the value, "" for none
}

var meshParams = []meshParam{
	{"mesh_retry_timeout", unix.NL80211_MESHCONF_RETRY_TIMEOUT, meshU16, "milliseconds"},
	{"mesh_confirm_timeout", unix.NL80211_MESHCONF_CONFIRM_TIMEOUT, meshU16, "milliseconds"},
	{"mesh_holding_timeout", unix.NL80211_MESHCONF_HOLDING_TIMEOUT, meshU16, "milliseconds"},
	{"mesh_max_peer_links", unix.NL80211_MESHCONF_MAX_PEER_LINKS, meshU16, ""},
	{"mesh_max_retries", unix.NL80211_MESHCONF_MAX_RETRIES, meshU8, ""},
	{"mesh_ttl", unix.NL80211_MESHCONF_TTL, meshU8, ""},
	{"mesh_element_ttl", unix.NL80211_MESHCONF_ELEMENT_TTL, meshU8, ""},
	{"mesh_auto_open_plinks", unix.NL80211_MESHCONF_AUTO_OPEN_PLINKS, meshBool, ""},
	{"mesh_hwmp_max_preq_retries", unix.NL80211_MESHCONF_HWMP_MAX_PREQ_RETRIES, meshU8, ""},
	{"mesh_path_refresh_time", unix.NL80211_MESHCONF_PATH_REFRESH_TIME, meshU32, "milliseconds"},
	{"mesh_min_discovery_timeout", unix.NL80211_MESHCONF_MIN_DISCOVERY_TIMEOUT, meshU16, "milliseconds"},
	{"mesh_hwmp_active_path_timeout", unix.NL80211_MESHCONF_HWMP_ACTIVE_PATH_TIMEOUT, meshU32, "TUs"},
	{"mesh_hwmp_preq_min_interval", unix.NL80211_MESHCONF_HWMP_PREQ_MIN_INTERVAL, meshU16, "TUs"},
	{"mesh_hwmp_net_diameter_traversal_time", unix.NL80211_MESHCONF_HWMP_NET_DIAM_TRVS_TIME, meshU16, "TUs"},
	{"mesh_hwmp_rootmode", unix.NL80211_MESHCONF_HWMP_ROOTMODE, meshU8, ""},
	{"mesh_hwmp_rann_interval", unix.NL80211_MESHCONF_HWMP_RANN_INTERVAL, meshU16, "TUs"},
	{"mesh_gate_announcements", unix.NL80211_MESHCONF_GATE_ANNOUNCEMENTS, meshU8, ""},
	{"mesh_fwding", unix.NL80211_MESHCONF_FORWARDING, meshBool, ""},
	{"mesh_sync_offset_max_neighor", unix.NL80211_MESHCONF_SYNC_OFFSET_MAX_NEIGHBOR, meshU32, ""},
	{"mesh_rssi_threshold", unix.NL80211_MESHCONF_RSSI_THRESHOLD, meshS32, "dBm"},
	{"mesh_hwmp_active_path_to_root_timeout", unix.NL80211_MESHCONF_HWMP_PATH_TO_ROOT_TIMEOUT, meshU32, "TUs"},
	{"mesh_hwmp_root_interval", unix.NL80211_MESHCONF_HWMP_ROOT_INTERVAL, meshU16, "TUs"},
	{"mesh_hwmp_confirmation_interval", unix.NL80211_MESHCONF_HWMP_CONFIRMATION_INTERVAL, meshU16, "TUs"},
	{"mesh_power_mode", unix.NL80211_MESHCONF_POWER_MODE, meshPowerMode, ""},
	{"mesh_awake_window", unix.NL80211_MESHCONF_AWAKE_WINDOW, meshU16, "TUs"},
	{"mesh_plink_timeout", unix.NL80211_MESHCONF_PLINK_TIMEOUT, meshU32, "seconds"},
	{"mesh_connected_to_gate", unix.NL80211_MESHCONF_CONNECTED_TO_GATE, meshBool, ""},
	{"mesh_nolearn", unix.NL80211_MESHCONF_NOLEARN, meshBool, ""},
	{"mesh_connected_to_as", unix.NL80211_MESHCONF_CONNECTED_TO_AS, meshBool, ""},
}

var meshPowerByMode = map[uint32]string{nl80211.MeshPowerActive: "active", nl80211.MeshPowerLight: "light", nl80211.MeshPowerDeep: "deep"}

func findMeshParam(name string) *meshParam {
	for i := range meshParams {
		if meshParams[i].name == name {
			return &meshParams[i]
		}
	}
	return nil
}

// meshParamList is iw's list of the parameters it knows.
func meshParamList() string {
	var b strings.Builder
	b.WriteString("Possible mesh parameters are:\n")
	for _, p := range meshParams {
		b.WriteString(" - " + p.name + "\n")
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// size is the attribute size of the parameter's value.
func (p *meshParam) size() int {
	switch p.kind {
	case meshU8, meshBool:
		return 1
	case meshU16:
		return 2
	}
	return 4
}

// parse reads a value with iw's range and message.
func (p *meshParam) parse(s string) (uint32, error) {
	bad := func(what string) error {
		return refusal(fmt.Sprintf("%s must be set to %s", p.name, what))
	}
	switch p.kind {
	case meshPowerMode:
		if m, ok := meshPowerModes[s]; ok {
			return m, nil
		}
		return 0, bad("active, light or deep.")
	case meshS32:
		// iw sends any 32-bit number (the kernel checks the range)
		// and words its refusal as for an unsigned one.
		v, err := strconv.ParseInt(s, 10, 32)
		if err != nil {
			return 0, bad("a number between 0 and 4294967295")
		}
		return uint32(int32(v)), nil
	case meshBool:
		v, err := strconv.ParseUint(s, 10, 8)
		if err != nil || v > 1 {
			return 0, bad("a number between 0 and 1")
		}
		return uint32(v), nil
	}
	max := uint64(1)<<(8*p.size()) - 1
	v, err := strconv.ParseUint(s, 10, 64)
	if err != nil || v > max {
		return 0, bad(fmt.Sprintf("a number between 0 and %d", max))
	}
	return uint32(v), nil
}

// format writes a value as iw prints it.
func (p *meshParam) format(v uint32) string {
	var s string
	switch p.kind {
	case meshS32:
		s = strconv.Itoa(int(int32(v)))
	case meshPowerMode:
		s = meshPowerByMode[v]
		if s == "" {
			s = "unknown"
		}
	default:
		s = strconv.FormatUint(uint64(v), 10)
	}
	if p.unit != "" {
		s += " " + p.unit
	}
	return s
}

// jsonValue is the value in -j output: a number, or the power mode's name.
func (p *meshParam) jsonValue(v uint32) any {
	switch p.kind {
	case meshS32:
		return int32(v)
	case meshPowerMode:
		return meshPowerByMode[v]
	}
	return v
}

// parseMeshParams reads "<param>=<value>..." with iw's messages.
func parseMeshParams(args []string) ([]nl80211.MeshValue, error) {
	var vals []nl80211.MeshValue
	for _, a := range args {
		name, value, ok := strings.Cut(a, "=")
		if !ok {
			return nil, refusal("Must specify a value for " + a + ".")
		}
		p := findMeshParam(name)
		if p == nil {
			return nil, refusal("Could not find the parameter " + name + ".\n" + meshParamList())
		}
		v, err := p.parse(value)
		if err != nil {
			return nil, err
		}
		vals = append(vals, nl80211.MeshValue{Attr: p.attr, Size: p.size(), Value: v})
	}
	return vals, nil
}

// noMeshParam is iw's answer to a mesh_param command without a
// parameter: the list of them (on standard output), then the usage.
func noMeshParam(e *env) error {
	fmt.Fprintln(e.stdout, meshParamList())
	return &usageError{}
}

func runSetMeshParam(e *env, tg target, args []string) error {
	if len(args) == 0 {
		return noMeshParam(e)
	}
	vals, err := parseMeshParams(args)
	if err != nil {
		return err
	}
	return e.client.SetMeshConfig(tg.dev.Index, vals)
}

// runGetMeshParam prints one parameter's value.
func runGetMeshParam(e *env, tg target, args []string) error {
	if len(args) == 0 {
		return noMeshParam(e)
	}
	p := findMeshParam(args[0])
	if p == nil {
		return refusal("Could not find the parameter " + args[0] + ".\n" + meshParamList())
	}
	cfg, err := e.client.MeshConfig(tg.dev.Index)
	if err != nil {
		return err
	}
	v, ok := cfg[p.attr]
	if e.opts.json {
		out := map[string]any{}
		if ok {
			out[p.name] = p.jsonValue(v)
		}
		return printJSON(e, out)
	}
	if !ok {
		return nil
	}
	t := &tw{w: e.stdout}
	t.f("%s\n", p.format(v))
	return t.err
}

// runMeshParamDump prints every parameter the kernel reports.
func runMeshParamDump(e *env, tg target, args []string) error {
	if err := noArgs(args); err != nil {
		return err
	}
	cfg, err := e.client.MeshConfig(tg.dev.Index)
	if err != nil {
		return err
	}
	if e.opts.json {
		out := map[string]any{}
		for _, p := range meshParams {
			if v, ok := cfg[p.attr]; ok {
				out[p.name] = p.jsonValue(v)
			}
		}
		return printJSON(e, out)
	}
	t := &tw{w: e.stdout}
	for _, p := range meshParams {
		if v, ok := cfg[p.attr]; ok {
			t.f("%s = %s\n", p.name, p.format(v))
		}
	}
	return t.err
}
