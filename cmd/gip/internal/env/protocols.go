package env

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"sync"
)

// ipProtocols is /etc/protocols as getprotobyname and getprotobynumber
// read it: every name (aliases too) to its number, and each number to its
// first name. It is read once, on first use; without the file the common
// protocols are known by name.
var ipProtocols = sync.OnceValues(func() (byName map[string]uint8, byNumber map[uint8]string) {
	byName, byNumber = map[string]uint8{}, map[uint8]string{}
	f, err := os.Open("/etc/protocols")
	if err != nil {
		for name, n := range map[string]uint8{"ip": 0, "icmp": 1, "tcp": 6, "udp": 17, "ipv6-icmp": 58, "sctp": 132} {
			byName[name] = n
		}
		return byName, byNumber
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "#")
		fields := strings.Fields(line)
		if len(fields) < 2 {
			continue
		}
		n, err := strconv.ParseUint(fields[1], 10, 8)
		if err != nil {
			continue
		}
		if _, dup := byNumber[uint8(n)]; !dup {
			byNumber[uint8(n)] = fields[0]
		}
		for _, name := range append([]string{fields[0]}, fields[2:]...) {
			if _, dup := byName[name]; !dup {
				byName[name] = uint8(n)
			}
		}
	}
	return byName, byNumber
})

// IPProtoNumber reads an IP protocol as inet_proto_a2n does: a decimal
// number, or a name from /etc/protocols.
func IPProtoNumber(s string) (uint8, bool) {
	if n, err := strconv.ParseUint(s, 10, 8); err == nil {
		return uint8(n), true
	}
	byName, _ := ipProtocols()
	n, ok := byName[s]
	return n, ok
}

// IPProtoFirstName is getprotobynumber's answer: the protocol's first
// name in /etc/protocols; false when the file lacks the number or cannot
// be read.
func IPProtoFirstName(p uint8) (string, bool) {
	_, byNumber := ipProtocols()
	n, ok := byNumber[p]
	return n, ok
}

// IPProtoName is inet_proto_n2a: the protocol's name, or ipproto-N (always
// under -N).
func IPProtoName(p uint8, numeric bool) string {
	if !numeric {
		if n, ok := IPProtoFirstName(p); ok {
			return n
		}
	}
	return "ipproto-" + strconv.Itoa(int(p))
}
