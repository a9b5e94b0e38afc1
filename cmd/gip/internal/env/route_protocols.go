package env

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"sync"
)

// ipProtocols is /etc/protocols: IP protocol names and numbers, as
// getprotobyname and getprotobynumber read them.
var ipProtocols = sync.OnceValue(func() map[string]uint8 {
	m := map[string]uint8{}
	f, err := os.Open("/etc/protocols")
	if err != nil {
		for name, n := range map[string]uint8{"ip": 0, "icmp": 1, "tcp": 6, "udp": 17, "ipv6-icmp": 58, "sctp": 132} {
			m[name] = n
		}
		return m
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
		for _, name := range append([]string{fields[0]}, fields[2:]...) {
			if _, dup := m[name]; !dup {
				m[name] = uint8(n)
			}
		}
	}
	return m
})

// ipProtocolNames is the first name of each number, as getprotobynumber
// gives it.
var ipProtocolNames = sync.OnceValue(func() map[uint8]string {
	names := map[uint8]string{}
	f, err := os.Open("/etc/protocols")
	if err != nil {
		return names
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
		if _, dup := names[uint8(n)]; !dup {
			names[uint8(n)] = fields[0]
		}
	}
	return names
})

// ipProtoNumber reads an IP protocol as inet_proto_a2n does: a decimal
// number, or a name from /etc/protocols.
func IpProtoNumber(s string) (uint8, bool) {
	if n, err := strconv.ParseUint(s, 10, 8); err == nil {
		return uint8(n), true
	}
	n, ok := ipProtocols()[s]
	return n, ok
}

// ipProtoName is inet_proto_n2a: the protocol's name, or ipproto-N.
func IpProtoName(p uint8, numeric bool) string {
	if !numeric {
		if n, ok := ipProtocolNames()[p]; ok {
			return n
		}
	}
	return "ipproto-" + strconv.Itoa(int(p))
}
