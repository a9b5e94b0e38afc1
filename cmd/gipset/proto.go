package main

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"sync"
)

// protoTable maps IP protocol numbers to names and back, read from
// /etc/protocols as getprotobynumber does, with a built-in table for
// systems without the file.
type protoTable struct {
	byNum  map[uint8]string
	byName map[string]uint8
}

var builtinProtos = []struct {
	num  uint8
	name string
}{
	{0, "ip"}, {1, "icmp"}, {2, "igmp"}, {4, "ipencap"}, {6, "tcp"}, {17, "udp"},
	{41, "ipv6"}, {47, "gre"}, {50, "esp"}, {51, "ah"}, {58, "ipv6-icmp"},
	{103, "pim"}, {112, "vrrp"}, {132, "sctp"}, {136, "udplite"},
}

var (
	protosOnce sync.Once
	protos     protoTable
)

func loadProtos() *protoTable {
	protosOnce.Do(func() {
		protos = protoTable{byNum: map[uint8]string{}, byName: map[string]uint8{}}
		f, err := os.Open("/etc/protocols")
		if err == nil {
			defer f.Close()
			sc := bufio.NewScanner(f)
			for sc.Scan() {
				line := sc.Text()
				if i := strings.IndexByte(line, '#'); i >= 0 {
					line = line[:i]
				}
				fields := strings.Fields(line)
				if len(fields) < 2 {
					continue
				}
				n, err := strconv.ParseUint(fields[1], 10, 8)
				if err != nil {
					continue
				}
				if _, ok := protos.byNum[uint8(n)]; !ok {
					protos.byNum[uint8(n)] = fields[0]
				}
				for _, name := range append([]string{fields[0]}, fields[2:]...) {
					if _, ok := protos.byName[name]; !ok {
						protos.byName[name] = uint8(n)
					}
				}
			}
		}
		if len(protos.byNum) == 0 {
			for _, p := range builtinProtos {
				protos.byNum[p.num] = p.name
				protos.byName[p.name] = p.num
			}
		}
	})
	return &protos
}

func protoName(n uint8) string {
	if s, ok := loadProtos().byNum[n]; ok {
		return s
	}
	return strconv.Itoa(int(n))
}

func protoNumber(s string) (uint8, bool) {
	if n, ok := loadProtos().byName[s]; ok {
		return n, true
	}
	if n, err := strconv.ParseUint(s, 10, 8); err == nil {
		return uint8(n), true
	}
	return 0, false
}

// serviceTable maps service names to port numbers, from /etc/services.
var (
	servicesOnce sync.Once
	services     map[string]uint16
)

func servicePort(name, proto string) (uint16, bool) {
	servicesOnce.Do(func() {
		services = map[string]uint16{}
		f, err := os.Open("/etc/services")
		if err != nil {
			return
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			line := sc.Text()
			if i := strings.IndexByte(line, '#'); i >= 0 {
				line = line[:i]
			}
			fields := strings.Fields(line)
			if len(fields) < 2 {
				continue
			}
			portProto := strings.SplitN(fields[1], "/", 2)
			if len(portProto) != 2 {
				continue
			}
			n, err := strconv.ParseUint(portProto[0], 10, 16)
			if err != nil {
				continue
			}
			for _, name := range append([]string{fields[0]}, fields[2:]...) {
				key := name + "/" + portProto[1]
				if _, ok := services[key]; !ok {
					services[key] = uint16(n)
				}
			}
		}
	})
	p, ok := services[name+"/"+proto]
	return p, ok
}

// ICMP and ICMPv6 type/code names ipset understands; the first name of a
// type/code pair is the one it prints.
type icmpName struct {
	name      string
	typ, code uint8
}

var icmpNames = []icmpName{
	{"echo-reply", 0, 0}, {"pong", 0, 0},
	{"network-unreachable", 3, 0}, {"host-unreachable", 3, 1}, {"protocol-unreachable", 3, 2},
	{"port-unreachable", 3, 3}, {"fragmentation-needed", 3, 4}, {"source-route-failed", 3, 5},
	{"network-unknown", 3, 6}, {"host-unknown", 3, 7}, {"network-prohibited", 3, 9},
	{"host-prohibited", 3, 10}, {"TOS-network-unreachable", 3, 11}, {"TOS-host-unreachable", 3, 12},
	{"communication-prohibited", 3, 13}, {"host-precedence-violation", 3, 14}, {"precedence-cutoff", 3, 15},
	{"source-quench", 4, 0}, {"network-redirect", 5, 0}, {"host-redirect", 5, 1},
	{"TOS-network-redirect", 5, 2}, {"TOS-host-redirect", 5, 3}, {"echo-request", 8, 0}, {"ping", 8, 0},
	{"router-advertisement", 9, 0}, {"router-solicitation", 10, 0}, {"ttl-zero-during-transit", 11, 0},
	{"ttl-zero-during-reassembly", 11, 1}, {"ip-header-bad", 12, 0}, {"required-option-missing", 12, 1},
	{"timestamp-request", 13, 0}, {"timestamp-reply", 14, 0}, {"address-mask-request", 17, 0},
	{"address-mask-reply", 18, 0},
}

var icmpv6Names = []icmpName{
	{"no-route", 1, 0}, {"communication-prohibited", 1, 1}, {"address-unreachable", 1, 3},
	{"port-unreachable", 1, 4}, {"packet-too-big", 2, 0}, {"ttl-zero-during-transit", 3, 0},
	{"ttl-zero-during-reassembly", 3, 1}, {"bad-header", 4, 0}, {"unknown-header-type", 4, 1},
	{"unknown-option", 4, 2}, {"echo-request", 128, 0}, {"ping", 128, 0}, {"echo-reply", 129, 0},
	{"pong", 129, 0}, {"router-solicitation", 133, 0}, {"router-advertisement", 134, 0},
	{"neighbour-solicitation", 135, 0}, {"neigbour-solicitation", 135, 0},
	{"neighbour-advertisement", 136, 0}, {"neigbour-advertisement", 136, 0}, {"redirect", 137, 0},
}

func icmpToName(table []icmpName, typ, code uint8) (string, bool) {
	for _, n := range table {
		if n.typ == typ && n.code == code {
			return n.name, true
		}
	}
	return "", false
}

func icmpFromName(table []icmpName, s string) (uint16, bool) {
	for _, n := range table {
		if strings.EqualFold(n.name, s) {
			return uint16(n.typ)<<8 | uint16(n.code), true
		}
	}
	return 0, false
}
