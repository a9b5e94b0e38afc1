package main

import (
	"crypto/sha256"
	"errors"
	"hash/crc32"
	"net"
	"strings"

	"github.com/gip-suite/gip/internal/nl/nl80211"
	"golang.org/x/sys/unix"
)

const nanAddFuncArgs = "type <publish|subscribe|followup> [active] [solicited] [unsolicited] [bcast] [close_range] name <name> " +
	"[info <info>] [flw_up_id <id> flw_up_req_id <id> flw_up_dest <mac>] [ttl <ttl>] " +
	"[srf <include|exclude> <bf|list> [bf_idx] [bf_len] <mac1;mac2...>] [rx_filter <str1:str2...>] [tx_filter <str1:str2...>]"

// The NAN commands refuse bad arguments as iw does: with EINVAL, as if
// the kernel had ("command failed: Invalid argument (-22)").

// parseNANBands reads "2GHz" and "5GHz" (any case) into a band bitmap.
func parseNANBands(words []string) (uint32, error) {
	var bands uint32
	for _, w := range words {
		switch strings.ToLower(w) {
		case "2ghz":
			bands |= 1 << nl80211.Band2GHz
		case "5ghz":
			bands |= 1 << nl80211.Band5GHz
		default:
			return 0, unix.EINVAL
		}
	}
	return bands, nil
}

// parseNANConfig reads "[pref <pref>] [bands <band>...]"; needPref makes
// the preference mandatory (nan start).
func parseNANConfig(args []string, needPref bool) (nl80211.NANConfig, error) {
	var c nl80211.NANConfig
	if len(args) < 2 {
		return c, unix.EINVAL
	}
	if args[0] == "pref" {
		c.MasterPref, args = ptrTo(uint8(cAtoi(args[1]))), args[2:]
	} else if needPref {
		return c, unix.EINVAL
	}
	switch {
	case len(args) > 1 && args[0] == "bands":
		b, err := parseNANBands(args[1:])
		if err != nil {
			return c, err
		}
		c.Bands = &b
	case len(args) != 0:
		return c, unix.EINVAL
	}
	return c, nil
}

func runNANStart(e *env, _ target, args []string) error {
	c, err := parseNANConfig(args, true)
	if err != nil {
		return err
	}
	return e.client.StartNAN(c)
}

// runNANStop stops a NAN device. As iw, it ignores arguments.
func runNANStop(e *env, _ target, _ []string) error { return e.client.StopNAN() }

func runNANConfig(e *env, _ target, args []string) error {
	c, err := parseNANConfig(args, false)
	if err != nil {
		return err
	}
	return e.client.ChangeNANConfig(c)
}

func runNANRmFunc(e *env, _ target, args []string) error {
	if len(args) != 2 || args[0] != "cookie" {
		return unix.EINVAL
	}
	// iw reads the cookie with atoi: an int, sign-extended.
	return e.client.DelNANFunction(uint64(int64(cAtoi(args[1]))))
}

var nanFuncTypes = map[string]uint8{
	"publish": unix.NL80211_NAN_FUNC_PUBLISH, "subscribe": unix.NL80211_NAN_FUNC_SUBSCRIBE, "followup": unix.NL80211_NAN_FUNC_FOLLOW_UP,
}

// nanArgs walks add_func's words as iw does: an optional word counts only
// when another word follows it.
type nanArgs []string

func (a *nanArgs) take(word string) bool {
	if len(*a) > 1 && (*a)[0] == word {
		*a = (*a)[1:]
		return true
	}
	return false
}

// value takes "word <value>" and returns the value.
func (a *nanArgs) value(word string) (string, bool) {
	if !a.take(word) {
		return "", false
	}
	v := (*a)[0]
	*a = (*a)[1:]
	return v, true
}

// parseNANFunc reads iw's "nan add_func" grammar, in iw's fixed order.
func parseNANFunc(words []string) (nl80211.NANFunction, error) {
	var f nl80211.NANFunction
	a := nanArgs(words)
	typ, ok := a.value("type")
	if !ok {
		return f, unix.EINVAL
	}
	if f.Type, ok = nanFuncTypes[typ]; !ok {
		return f, unix.EINVAL
	}
	switch f.Type {
	case unix.NL80211_NAN_FUNC_SUBSCRIBE:
		f.SubscribeActive = a.take("active")
	case unix.NL80211_NAN_FUNC_PUBLISH:
		var pt uint8
		if a.take("solicited") {
			pt |= unix.NL80211_NAN_SOLICITED_PUBLISH
		}
		if a.take("unsolicited") {
			pt |= unix.NL80211_NAN_UNSOLICITED_PUBLISH
		}
		f.PublishType = &pt
		if a.take("bcast") {
			if pt&unix.NL80211_NAN_SOLICITED_PUBLISH == 0 {
				return f, unix.EINVAL
			}
			f.PublishBcast = true
		}
	}
	f.CloseRange = a.take("close_range")
	name, ok := a.value("name")
	if !ok {
		return f, unix.EINVAL
	}
	sum := sha256.Sum256([]byte(name))
	copy(f.ServiceID[:], sum[:6])
	if info, ok := a.value("info"); ok {
		f.ServiceInfo = []byte(info)
	}
	if f.Type == unix.NL80211_NAN_FUNC_FOLLOW_UP {
		if v, ok := a.value("flw_up_id"); ok {
			f.FollowUpID = ptrTo(uint8(cAtoi(v)))
		}
		if v, ok := a.value("flw_up_req_id"); ok {
			f.FollowUpReqID = ptrTo(uint8(cAtoi(v)))
		}
		if v, ok := a.value("flw_up_dest"); ok {
			mac, err := net.ParseMAC(v)
			if err != nil || len(mac) != 6 {
				return f, unix.ENOBUFS // iw's answer to a bad address here
			}
			f.FollowUpDest = mac
		}
		return f, nanRest(a)
	}
	if v, ok := a.value("ttl"); ok {
		f.TTL = ptrTo(uint32(cAtoi(v)))
	}
	if len(a) >= 4 && a[0] == "srf" {
		srf, n, err := parseNANSRF(a[1:])
		if err != nil {
			return f, err
		}
		f.SRF, a = &srf, a[1+n:]
	}
	if v, ok := a.value("rx_filter"); ok {
		f.RxFilter = nanMatchFilter(v)
	}
	if v, ok := a.value("tx_filter"); ok {
		f.TxFilter = nanMatchFilter(v)
	}
	return f, nanRest(a)
}

func nanRest(a nanArgs) error {
	if len(a) != 0 {
		return unix.EINVAL
	}
	return nil
}

// nanMatchFilter splits "str1:str2..." (empty pieces dropped, as strtok
// does); "*" is an empty filter.
func nanMatchFilter(s string) [][]byte {
	out := [][]byte{}
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ':' }) {
		if p == "*" {
			out = append(out, []byte{})
			continue
		}
		out = append(out, []byte(p))
	}
	return out
}

// parseNANSRF reads "<include|exclude> bf <idx> <len> <macs>" or
// "<include|exclude> list <macs>" (macs separated by ';') and returns the
// words it used.
func parseNANSRF(a []string) (nl80211.NANSRF, int, error) {
	var s nl80211.NANSRF
	switch a[0] {
	case "include":
		s.Include = true
	case "exclude":
	default:
		return s, 0, unix.EINVAL
	}
	macs := func(list string) ([]net.HardwareAddr, error) {
		var out []net.HardwareAddr
		for _, m := range strings.FieldsFunc(list, func(r rune) bool { return r == ';' }) {
			mac, err := net.ParseMAC(m)
			if err != nil || len(mac) != 6 {
				return nil, &badSRFAddr{word: m}
			}
			out = append(out, mac)
		}
		return out, nil
	}
	switch a[1] {
	case "bf":
		if len(a) < 5 {
			return s, 0, unix.EINVAL
		}
		idx := uint8(cAtoi(a[2]))
		n := cAtoi(a[3])
		if n <= 0 || n > unix.NL80211_NAN_FUNC_SRF_MAX_LEN {
			return s, 0, unix.EINVAL
		}
		list, err := macs(a[4])
		if err != nil {
			return s, 0, err
		}
		s.BFIdx, s.BF = &idx, make([]byte, n)
		for _, m := range list {
			nanBloomAdd(s.BF, idx, m)
		}
		return s, 5, nil
	case "list":
		list, err := macs(a[2])
		if err != nil {
			return s, 0, unix.EINVAL // iw says nothing here
		}
		s.MACs = list
		return s, 3, nil
	}
	return s, 0, unix.EINVAL
}

// badSRFAddr is a Bloom filter address iw cannot read: it says so on
// standard output, then fails with EINVAL.
type badSRFAddr struct{ word string }

func (b *badSRFAddr) Error() string { return "mac format error " + b.word }

func (b *badSRFAddr) Unwrap() error { return unix.EINVAL }

// nanBloomAdd sets the four bits of a MAC address in a NAN Bloom filter
// (Wi-Fi NAN specification: hash j of the address is the CRC-32 of j and
// the address, modulo the filter's bits, for j = 4*idx .. 4*idx+3).
func nanBloomAdd(bf []byte, idx uint8, mac []byte) {
	m := uint32(8 * len(bf))
	for i := uint8(0); i < 4; i++ {
		j := i + idx*4
		crc := crcRaw(crcRaw(0xffffffff, []byte{j}), mac)
		bit := (crc & 0xffff) % m
		bf[bit/8] |= 1 << (bit & 7)
	}
}

// crcRaw is the IEEE CRC-32 register update without the pre- and
// post-inversion hash/crc32 adds.
func crcRaw(crc uint32, p []byte) uint32 { return ^crc32.Update(^crc, crc32.IEEETable, p) }

// nanFuncJSON is the JSON view of "giw -j wdev X nan add_func".
type nanFuncJSON struct {
	InstanceID uint8  `json:"instance_id"`
	Cookie     uint64 `json:"cookie"`
}

func runNANAddFunc(e *env, _ target, args []string) error {
	f, err := parseNANFunc(args)
	var bad *badSRFAddr
	if errors.As(err, &bad) {
		(&tw{w: e.stdout}).f("%s\n", bad.Error())
	}
	if err != nil {
		return err
	}
	a, err := e.client.AddNANFunction(f)
	if err != nil {
		return err
	}
	if e.opts.json {
		return printJSON(e, nanFuncJSON{InstanceID: a.InstanceID, Cookie: a.Cookie})
	}
	t := &tw{w: e.stdout}
	t.f("instance_id: %d, cookie: %d\n", a.InstanceID, a.Cookie)
	return t.err
}
