package link

// vlan's words: abbreviations in ip's order, the protocol names, the
// on/off flags, the QoS maps, help and unknown words.
func init() { kindWordCases["vlan"] = vlanWordCases }

var vlanWordCases = []wordCase{
	{words: "id 5"}, {words: "i 5"}, {words: "id 4095"}, {words: "id 65535"}, {words: "id 65536"}, {words: "id x"}, {words: "id"},
	{words: "id 0x10"}, {words: "protocol 802.1ad id 5"}, {words: "p 802.1Q id 5"}, {words: "protocol 802.1q"},
	{words: "protocol ip id 5"}, {words: "protocol 0x88a8 id 5"}, {words: "protocol x"},
	{words: "id 5 reorder_hdr on"}, {words: "id 5 r off"}, {words: "id 5 reorder_hdr x"}, {words: "id 5 reorder_hdr On"},
	{words: "id 5 gvrp on mvrp on"}, {words: "id 5 g off m off"}, {words: "id 5 loose_binding on"}, {words: "id 5 l off"},
	{words: "id 5 bridge_binding on"}, {words: "id 5 b off"}, {words: "id 5 gvrp on gvrp off"}, {words: "id 5 mvrp x"},
	{words: "id 5 loose_binding x"}, {words: "id 5 bridge_binding x"}, {words: "id 5 gvrp x"},
	{words: "id 5 ingress-qos-map 1:2 3:4"}, {words: "id 5 egress-qos-map 1:2"}, {words: "id 5 e 1:2 in 3:4"},
	{words: "id 5 ingress-qos-map 1:x"}, {words: "id 5 ingress-qos-map x:1"}, {words: "id 5 egress-qos-map"},
	{words: "id 5 egress-qos-map gvrp on"}, {words: "id 5 egress-qos-map 1:2 1:3"}, {words: "id 5 ingress-qos-map 0x1:0x2"},
	{words: "id 5 help"}, {words: "id 5 h"}, {words: "id 5 bogus"}, {words: "help"}, {words: "id 5 reorder_hdr"},
}
