package main

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/internal/nl/nl80211"
	"golang.org/x/sys/unix"
)

// idBy says what a command acts on, as in iw: nothing, a wiphy or a netdev.
type idBy int

const (
	byNone idBy = iota
	byPhy
	byDev
)

// target is the device a command acts on.
type target struct {
	dev nl80211.Interface // byDev
	phy nl80211.Phy       // byPhy
}

// command is one entry of the command table.
type command struct {
	idby    idBy
	path    []string // words after the device, e.g. {"scan", "dump"}
	args    string   // usage of the arguments after path
	help    string
	handler func(e *env, t target, args []string) error
}

func (c *command) usageLine() string {
	var b strings.Builder
	switch c.idby {
	case byPhy:
		b.WriteString("phy <phyname> ")
	case byDev:
		b.WriteString("dev <devname> ")
	}
	b.WriteString(strings.Join(c.path, " "))
	if c.args != "" {
		b.WriteString(" " + c.args)
	}
	return b.String()
}

// commands returns the command table, in the order help lists it.
func commands() []*command {
	return []*command{
		{idby: byNone, path: []string{"dev"}, help: "List all network interfaces for wireless hardware.", handler: runDevList},
		{idby: byDev, path: []string{"info"}, help: "Show information for this interface.", handler: runDevInfo},
		{idby: byDev, path: []string{"link"}, help: "Print information about the current link, if any.", handler: runLink},
		{idby: byDev, path: []string{"scan"}, args: "[-u] [freq <freq>*] [ssid <ssid>*|passive] [flush]",
			help: "Scan on the given frequencies and probe for the given SSIDs\n(or wildcard if not given) unless passive scanning is requested,\nwait for the results and print them.", handler: runScan},
		{idby: byDev, path: []string{"scan", "dump"}, args: "[-u]", help: "Dump the current scan results.", handler: runScanDump},
		{idby: byDev, path: []string{"scan", "trigger"}, args: "[freq <freq>*] [ssid <ssid>*|passive] [flush]",
			help: "Trigger a scan on the given frequencies with probing for the given\nSSIDs (or wildcard if not given) unless passive scanning is requested.", handler: runScanTrigger},
		{idby: byDev, path: []string{"scan", "abort"}, help: "Abort ongoing scan", handler: runScanAbort},
		{idby: byDev, path: []string{"station", "dump"}, help: "List all stations known, e.g. the AP on managed interfaces", handler: runStationDump},
		{idby: byDev, path: []string{"station", "get"}, args: "<MAC address>", help: "Get information for a specific station.", handler: runStationGet},
		{idby: byDev, path: []string{"connect"}, args: "[-w|-f] <SSID> [<freq in MHz>] [<bssid>] [auth open|shared] [key 0:abcde d:1:6162636465] [psk <passphrase>|psk -|psk-file <file>] [mfp:req/opt/no]",
			help: "Join the network with the given SSID (and frequency, BSSID).\nWith -w, wait for the connect to finish or fail.\nWith key, use the WEP keys given ([d:]index:data, d: for the transmit key).\nWith psk, join a WPA2-PSK (CCMP) network: giw runs the 4-way handshake\nitself and returns once the link is authorized. The passphrase (8..63\ncharacters, or the PSK as 64 hex digits) comes from the argument, from\nstandard input (psk -) or from the first line of a file (psk-file), the\nlast two keeping it out of the process list. With -f (and psk), stay in\nthe foreground until interrupted: answer group rekeys, reconnect after a\ndisconnection, and print each as an event (JSON lines with -j).", handler: runConnect},
		{idby: byDev, path: []string{"disconnect"}, help: "Disconnect from the current network.", handler: runDisconnect},
		{idby: byDev, path: []string{"ibss", "leave"}, help: "Leave the current IBSS cell.", handler: runIBSSLeave},
		{idby: byDev, path: []string{"ibss", "join"}, args: "<SSID> <freq in MHz> [NOHT|HT20|HT40+|HT40-|5MHz|10MHz|80MHz] [fixed-freq] [<fixed bssid>] [beacon-interval <TU>] [basic-rates <rate in Mbps,rate2,...>] [mcast-rate <rate in Mbps>] [key d:0:abcde]",
			help: "Join the IBSS cell with the given SSID, if it doesn't exist create\nit on the given frequency. When fixed frequency is requested, don't\njoin/create a cell on a different frequency. When a fixed BSSID is\nrequested use that BSSID and do not adopt another cell's BSSID even\nif it has higher TSF and the same SSID. If an IBSS is created, create\nit with the specified basic-rates, multicast-rate and beacon-interval.", handler: runIBSSJoin},
		{idby: byDev, path: []string{"set", "type"}, args: "<type>", help: "Set interface type/mode.\n" + ifaceTypes, handler: runSetType},
		{idby: byDev, path: []string{"del"}, help: "Remove this virtual interface", handler: runDel},
		{idby: byDev, path: []string{"interface", "add"}, args: "<name> type <type> [mesh_id <meshid>] [4addr on|off] [flags <flag>*] [addr <mac-addr>]",
			help: interfaceAddHelp, handler: runInterfaceAdd},
		{idby: byNone, path: []string{"phy"}, help: "List all wireless devices and their capabilities.", handler: runPhyList},
		{idby: byNone, path: []string{"list"}, help: "List all wireless devices and their capabilities.", handler: runPhyList},
		{idby: byPhy, path: []string{"info"}, help: "Show capabilities for the specified wireless device.", handler: runPhyInfo},
		{idby: byPhy, path: []string{"interface", "add"}, args: "<name> type <type> [mesh_id <meshid>] [4addr on|off] [flags <flag>*] [addr <mac-addr>]",
			help: interfaceAddHelp, handler: runInterfaceAdd},
		{idby: byNone, path: []string{"event"}, args: "[-t|-T|-r] [-f]",
			help: "Monitor events from the kernel.\n-t - print timestamp\n-T - print absolute, human-readable timestamp\n-r - print relative timestamp\n-f - print full frame for auth/assoc etc.\nWith -j, one JSON object per line; lost events are reported.", handler: runEvent},
		{idby: byNone, path: []string{"reg", "get"}, help: "Print out the kernel's current regulatory domain information.", handler: runRegGet},
		{idby: byPhy, path: []string{"reg", "get"}, help: "Print out the devices' current regulatory domain information.", handler: runRegGet},
		{idby: byNone, path: []string{"reg", "set"}, args: "<ISO/IEC 3166-1 alpha2>", help: "Notify the kernel about the current regulatory domain.", handler: runRegSet},
		{idby: byNone, path: []string{"reg", "reload"}, help: "Reload the kernel's regulatory database.", handler: runRegReload},
		{idby: byDev, path: []string{"set", "txpower"}, args: "<auto|fixed|limit> [<tx power in mBm>]", help: "Specify transmit power level and setting type.", handler: runSetTxPower},
		{idby: byPhy, path: []string{"set", "txpower"}, args: "<auto|fixed|limit> [<tx power in mBm>]", help: "Specify transmit power level and setting type.", handler: runSetTxPower},
		{idby: byDev, path: []string{"set", "power_save"}, args: "<on|off>", help: "Set power save state to on or off.", handler: runSetPowerSave},
		{idby: byDev, path: []string{"get", "power_save"}, help: "Retrieve power save state.", handler: runGetPowerSave},
		{idby: byDev, path: []string{"set", "channel"}, args: "<channel> [NOHT|HT20|HT40+|HT40-|5MHz|10MHz|80MHz|160MHz]", help: setFreqHelp, handler: runSetChannel},
		{idby: byPhy, path: []string{"set", "channel"}, args: "<channel> [NOHT|HT20|HT40+|HT40-|5MHz|10MHz|80MHz|160MHz]", help: setFreqHelp, handler: runSetChannel},
		{idby: byDev, path: []string{"set", "freq"}, args: "<freq> [NOHT|HT20|HT40+|HT40-|5MHz|10MHz|80MHz|160MHz] | <control freq> [5|10|20|40|80|80+80|160] [<center1_freq> [<center2_freq>]]", help: setFreqHelp, handler: runSetFreq},
		{idby: byPhy, path: []string{"set", "freq"}, args: "<freq> [NOHT|HT20|HT40+|HT40-|5MHz|10MHz|80MHz|160MHz] | <control freq> [5|10|20|40|80|80+80|160] [<center1_freq> [<center2_freq>]]", help: setFreqHelp, handler: runSetFreq},
		{idby: byDev, path: []string{"set", "bitrates"}, args: "[legacy-<2.4|5> <legacy rate in Mbps>*] [ht-mcs-<2.4|5> <MCS index>*] [vht-mcs-<2.4|5> <NSS:MCSx,MCSy... | NSS:MCSx-MCSy>*] [he-mcs-<2.4|5|6> <NSS:MCSx,MCSy... | NSS:MCSx-MCSy>*] [sgi-2.4|lgi-2.4] [sgi-5|lgi-5] [he-gi-<2.4|5|6> <0.8|1.6|3.2>] [he-ltf-<2.4|5|6> <1|2|4>]",
			help: "Sets up the specified rate masks.\nNot passing any arguments would clear the existing mask (if any).", handler: runSetBitrates},
		{idby: byDev, path: []string{"set", "mcast_rate"}, args: "<rate in Mbps>", help: "Set the multicast bitrate.", handler: runSetMcastRate},
		{idby: byDev, path: []string{"set", "4addr"}, args: "<on|off>", help: "Set interface 4addr (WDS) mode.", handler: runSet4addr},
		{idby: byDev, path: []string{"set", "noack_map"}, args: "<map>", help: "Set the NoAck map for the TIDs. (0x0009 = BE, 0x0006 = BK, 0x0030 = VI, 0x00C0 = VO)", handler: runSetNoAckMap},
		{idby: byDev, path: []string{"set", "monitor"}, args: "<flag>*", help: "Set monitor flags. Valid flags are:\n" + monitorFlagsHelp, handler: runSetMonitor},
		{idby: byDev, path: []string{"set", "peer"}, args: "<MAC address>", help: "Set interface WDS peer.", handler: runSetPeer},
		{idby: byDev, path: []string{"set", "meshid"}, args: "<meshid>", help: "Set the mesh ID of a mesh point interface.", handler: runSetMeshID},
		{idby: byDev, path: []string{"survey", "dump"}, args: "[--radio]", help: "List all gathered channel survey data", handler: runSurveyDump},
		{idby: byPhy, path: []string{"set", "name"}, args: "<new name>", help: "Rename this wireless device.", handler: runPhySetName},
		{idby: byPhy, path: []string{"set", "frag"}, args: "<fragmentation threshold|off>", help: "Set fragmentation threshold.", handler: runPhySetFrag},
		{idby: byPhy, path: []string{"set", "rts"}, args: "<rts threshold|off>", help: "Set rts threshold.", handler: runPhySetRTS},
		{idby: byPhy, path: []string{"set", "retry"}, args: "[short <limit>] [long <limit>]", help: "Set retry limit.", handler: runPhySetRetry},
		{idby: byPhy, path: []string{"set", "netns"}, args: "{ <pid> | name <nsname> }",
			help: "Put this wireless device into a different network namespace:\n    <pid>    - change network namespace by process id\n    <nsname> - change network namespace by name from /run/netns\n               or by absolute path (man ip-netns)", handler: runPhySetNetNS},
		{idby: byPhy, path: []string{"set", "coverage"}, args: "<coverage class>", help: "Set coverage class (1 for every 3 usec of air propagation time).\nValid values: 0 - 255.", handler: runPhySetCoverage},
		{idby: byPhy, path: []string{"set", "distance"}, args: "<auto|distance>",
			help: "Enable ACK timeout estimation algorithm (dynack) or set appropriate\ncoverage class for given link distance in meters.\nTo disable dynack set valid value for coverage class.\nValid values: 0 - 114750", handler: runPhySetDistance},
		{idby: byPhy, path: []string{"set", "antenna"}, args: "<bitmap> | all | <tx bitmap> <rx bitmap>",
			help: "Set a bitmap of allowed antennas to use for TX and RX.\nThe driver may reject antenna configurations it cannot support.", handler: runPhySetAntenna},
		{idby: byPhy, path: []string{"set", "txq"}, args: "limit <packets> | memory_limit <bytes> | quantum <bytes>",
			help: "Set TXQ parameters. The limit and memory_limit are global queue limits\nfor the whole phy. The quantum is the DRR scheduler quantum setting.\nValid values: 1 - 2**32", handler: runPhySetTxq},
		{idby: byDev, path: []string{"station", "set"}, args: "<MAC address> plink_action <open|block>", help: "Set mesh peer link action for this station (peer).", handler: runStationSet},
		{idby: byDev, path: []string{"station", "set"}, args: "<MAC address> vlan <ifindex>", help: "Set an AP VLAN for this station.", handler: runStationSet},
		{idby: byDev, path: []string{"station", "set"}, args: "<MAC address> mesh_power_mode <active|light|deep>", help: "Set link-specific mesh power mode for this station", handler: runStationSet},
		{idby: byDev, path: []string{"station", "set"}, args: "<MAC address> airtime_weight <weight>", help: "Set airtime weight for this station.", handler: runStationSet},
		{idby: byDev, path: []string{"station", "set"}, args: "<MAC address> txpwr <auto|limit> [<tx power dBm>]", help: "Set Tx power for this station.", handler: runStationSet},
		{idby: byDev, path: []string{"station", "del"}, args: "<MAC address> [subtype <subtype>] [reason-code <code>]",
			help: "Remove the given station entry (use with caution!)\nExample subtype values: 0xA (disassociation), 0xC (deauthentication)", handler: runStationDel},
		{idby: byDev, path: []string{"mesh", "join"}, args: "<mesh ID> [[freq <freq in MHz> <NOHT|HT20|HT40+|HT40-|80MHz>] [basic-rates <rate in Mbps,rate2,...>]], [mcast-rate <rate in Mbps>] [beacon-interval <time in TUs>] [dtim-period <value>] [vendor_sync on|off] [<param>=<value>]*",
			help: "Join a mesh with the given mesh ID with frequency, basic-rates,\nmcast-rate and mesh parameters. Basic-rates are applied only if\nfrequency is provided.", handler: runMeshJoin},
		{idby: byDev, path: []string{"mesh", "leave"}, help: "Leave a mesh.", handler: runMeshLeave},
		{idby: byDev, path: []string{"mesh_param", "dump"}, help: "List all supported mesh parameters", handler: runMeshParamDump},
		{idby: byDev, path: []string{"get", "mesh_param"}, args: "[<param>]", help: "Retrieve mesh parameter (run command without any to see available ones).", handler: runGetMeshParam},
		{idby: byDev, path: []string{"set", "mesh_param"}, args: "<param>=<value> [<param>=<value>]*", help: "Set mesh parameter (run command without any to see available ones).", handler: runSetMeshParam},
		{idby: byDev, path: []string{"mpath", "dump"}, help: "List known mesh paths.", handler: runMpathDump},
		{idby: byDev, path: []string{"mpath", "get"}, args: "<MAC address>", help: "Get information on mesh path to the given node.", handler: runMpathGet},
		{idby: byDev, path: []string{"mpath", "new"}, args: "<destination MAC address> next_hop <next hop MAC address>", help: "Create a new mesh path (instead of relying on automatic discovery).", handler: runMpathNew},
		{idby: byDev, path: []string{"mpath", "set"}, args: "<destination MAC address> next_hop <next hop MAC address>", help: "Set an existing mesh path's next hop.", handler: runMpathSet},
		{idby: byDev, path: []string{"mpath", "del"}, args: "<MAC address>", help: "Remove the mesh path to the given node.", handler: runMpathDel},
		{idby: byDev, path: []string{"mpath", "probe"}, args: "<destination MAC address> frame <frame>",
			help: "Inject ethernet frame to given peer overriding the next hop\nlookup from mpath table.\nExample: giw dev wlan0 mpath probe xx:xx:xx:xx:xx:xx frame 01:xx:xx:00", handler: runMpathProbe},
		{idby: byDev, path: []string{"mpp", "dump"}, help: "List known mesh proxy paths.", handler: runMppDump},
		{idby: byDev, path: []string{"mpp", "get"}, args: "<MAC address>", help: "Get information on mesh proxy path to the given node.", handler: runMppGet},
		{idby: byNone, path: []string{"features"}, args: "[-q]", help: "Print the nl80211 protocol features the kernel supports (-q: ask, print nothing).", handler: runFeatures},
		{idby: byNone, path: []string{"commands"}, help: "list all known commands and their decimal & hex value", handler: runCommands},
		{idby: byDev, path: []string{"ap", "start"}, args: apStartArgs, help: apStartHelp, handler: runAPStart},
		{idby: byDev, path: []string{"ap", "stop"}, help: "Stop AP functionality", handler: runAPStop},
		{idby: byDev, path: []string{"cqm", "rssi"}, args: "<threshold|off> [<hysteresis>]", help: "Set connection quality monitor RSSI threshold.", handler: runCQMRSSI},
		{idby: byDev, path: []string{"switch", "freq"}, args: "<freq> [NOHT|HT20|HT40+|HT40-|5MHz|10MHz|80MHz] [beacons <count>] [block-tx] | <control freq> [5|10|20|40|80|80+80|160] [<center1_freq> [<center2_freq>]] [beacons <count>] [block-tx]",
			help: switchHelp, handler: runSwitchFreq},
		{idby: byDev, path: []string{"switch", "channel"}, args: "<channel> [NOHT|HT20|HT40+|HT40-|5MHz|10MHz|80MHz] [beacons <count>] [block-tx]", help: switchHelp, handler: runSwitchChannel},
		{idby: byDev, path: []string{"offchannel"}, args: "<freq> <duration>", help: "Leave operating channel and go to the given channel for a while.", handler: runOffchannel},
		{idby: byDev, path: []string{"roc", "start"}, args: "<freq> <time in ms>", help: "Remain on the given channel for the given time (in ms).", handler: runROCStart},
		{idby: byDev, path: []string{"auth"}, args: "<SSID> <bssid> <type:open|shared> <freq in MHz> [key 0:abcde d:1:6162636465]", help: "Authenticate with the given network.", handler: runAuth},
		{idby: byDev, path: []string{"scan", "sched_start"}, args: schedScanArgs, help: schedScanHelp, handler: runSchedStart},
		{idby: byDev, path: []string{"scan", "sched_stop"}, help: "Stop an ongoing scheduled scan.", handler: runSchedStop},
		{idby: byDev, path: []string{"cac", "trigger"}, args: cacTriggerArgs, help: cacTriggerHelp, handler: runCACTrigger},
		{idby: byDev, path: []string{"ocb", "join"}, args: "<freq in MHz> <5MHz|10MHz>", help: "Join the OCB mode network.", handler: runOCBJoin},
		{idby: byDev, path: []string{"ocb", "leave"}, help: "Leave the OCB mode network.", handler: runOCBLeave},
		{idby: byDev, path: []string{"vendor", "send"}, args: "<oui> <subcmd> <filename|-|hex data>", help: "Send a vendor command (OUI and sub-command as 0x-prefixed hex; the data\nfrom a file, from standard input with -, or as 0x-prefixed bytes).", handler: runVendorSend},
		{idby: byDev, path: []string{"vendor", "recv"}, args: "<oui> <subcmd> <filename|-|hex data>", help: "Send a vendor command and print the driver's answer as hex.", handler: runVendorRecv},
		{idby: byDev, path: []string{"vendor", "recvbin"}, args: "<oui> <subcmd> <filename|-|hex data>", help: "Send a vendor command and write the driver's answer as it is.", handler: runVendorRecvBin},
		{idby: byDev, path: []string{"ftm", "start_responder"}, args: "[lci=<lci buffer in hex>] [civic=<civic buffer in hex>]", help: "Start an FTM responder. Needs a running ap interface", handler: runFTMStartResponder},
		{idby: byDev, path: []string{"ftm", "get_stats"}, help: "Get FTM responder statistics.", handler: runFTMGetStats},
		{idby: byDev, path: []string{"mgmt", "dump"}, args: mgmtDumpArgs, help: mgmtDumpHelp, handler: runMgmtDump},
		{idby: byPhy, path: []string{"hwsim", "getps"}, help: "Print mac80211_hwsim's power save mode (test mode).", handler: runHwsimGetPS},
		{idby: byPhy, path: []string{"hwsim", "setps"}, args: "<value>", help: "Set mac80211_hwsim's power save mode (test mode).", handler: runHwsimSetPS},
		{idby: byPhy, path: []string{"hwsim", "stopqueues"}, help: "Stop mac80211_hwsim's transmit queues (test mode).", handler: runHwsimStopQueues},
		{idby: byPhy, path: []string{"hwsim", "wakequeues"}, help: "Wake mac80211_hwsim's transmit queues (test mode).", handler: runHwsimWakeQueues},
		{idby: byPhy, path: []string{"channels"}, help: "Show available channels.", handler: runPhyChannels},
		{idby: byPhy, path: []string{"get", "txq"}, help: "Get TXQ parameters.", handler: runPhyGetTxq},
		{idby: byPhy, path: []string{"set", "sar_specs"}, args: "<sar type> <range index:sar power>*", help: "Set SAR specs corresponding to SAR capa of wiphy.", handler: runPhySetSARSpecs},
		{idby: byPhy, path: []string{"wowlan", "enable"}, args: wowlanEnableArgs, help: wowlanEnableHelp, handler: runWoWLANEnable},
		{idby: byPhy, path: []string{"wowlan", "disable"}, help: "Disable WoWLAN.", handler: runWoWLANDisable},
		{idby: byPhy, path: []string{"wowlan", "show"}, help: "Show WoWLAN status.", handler: runWoWLANShow},
		{idby: byPhy, path: []string{"coalesce", "enable"}, args: "<config-file>", help: coalesceEnableHelp, handler: runCoalesceEnable},
		{idby: byPhy, path: []string{"coalesce", "disable"}, help: "Disable coalesce.", handler: runCoalesceDisable},
		{idby: byPhy, path: []string{"coalesce", "show"}, help: "Show coalesce status.", handler: runCoalesceShow},
	}
}

const setFreqHelp = "Set frequency/channel the hardware is using, including HT\nconfiguration."

const monitorFlagsHelp = "none:     no special flags\nfcsfail:  show frames with FCS errors\ncontrol:  show control frames\n" +
	"otherbss: show frames from other BSSes\ncook:     use cooked mode\nactive:   use active mode (ACK incoming unicast packets)\n" +
	"mumimo-groupid <GROUP_ID>: use MUMIMO according to a group id\nmumimo-follow-mac <MAC_ADDRESS>: use MUMIMO according to a MAC address"

const interfaceAddHelp = "Add a new virtual interface with the given configuration.\n" + ifaceTypes + "\n\n" +
	"The flags are only used for monitor interfaces, valid flags are:\n" + monitorFlagsHelp + "\n\n" +
	"The mesh_id is used only for mesh mode."

const ifaceTypes = "Valid interface types are: managed, ibss, monitor, mesh, wds."

// dispatch finds the device and the command in args, iw's way, and runs it.
func dispatch(e *env, cmds []*command, args []string) error {
	var t target
	by := byNone
	rest := args
	switch {
	case args[0] == "dev" && len(args) > 1:
		ifc, err := e.client.InterfaceByName(args[1])
		if err != nil {
			return err
		}
		t.dev, by, rest = ifc, byDev, args[2:]
	case args[0] == "phy" && len(args) > 1:
		p, err := e.client.PhyByName(args[1])
		if errors.Is(err, nl80211.ErrNoDevice) {
			// iw looks the name up in sysfs and reports what that says.
			return fmt.Errorf("no wiphy %q: %w", args[1], unix.ENOENT)
		}
		if err != nil {
			return err
		}
		t.phy, by, rest = p, byPhy, args[2:]
	case strings.HasPrefix(args[0], "phy#"):
		idx, err := strconv.ParseUint(args[0][4:], 10, 32)
		if err != nil {
			return &usageError{}
		}
		p, err := e.client.Phy(int(idx))
		if err != nil {
			return err
		}
		t.phy, by, rest = p, byPhy, args[1:]
	case args[0] == "dev" || args[0] == "phy" || args[0] == "list" || args[0] == "reg" || args[0] == "event":
	default:
		// As iw: a bare interface or wiphy name may stand for "dev X" or
		// "phy X".
		if ifc, err := e.client.InterfaceByName(args[0]); err == nil {
			t.dev, by, rest = ifc, byDev, args[1:]
		} else if p, err := e.client.PhyByName(args[0]); err == nil {
			t.phy, by, rest = p, byPhy, args[1:]
		} else if !errors.Is(err, nl80211.ErrNoDevice) {
			return err
		}
	}
	if by != byNone && len(rest) == 0 {
		return &usageError{}
	}
	var best *command
	for _, c := range cmds {
		if c.idby != by || len(c.path) > len(rest) {
			continue
		}
		match := true
		for i, w := range c.path {
			if rest[i] != w {
				match = false
				break
			}
		}
		if match && (best == nil || len(c.path) > len(best.path)) {
			best = c
		}
	}
	if best == nil {
		return &usageError{}
	}
	err := best.handler(e, t, rest[len(best.path):])
	var ue *usageError
	if errors.As(err, &ue) && ue.cmd == nil {
		ue.cmd = best
	}
	return err
}

func printCommandUsage(w io.Writer, c *command) {
	fmt.Fprintf(w, "Usage:\tgiw [options] %s\n", c.usageLine())
	printHelp(w, c, "")
	printOptions(w)
}

func printHelp(w io.Writer, c *command, indent string) {
	for _, l := range strings.Split(c.help, "\n") {
		fmt.Fprintf(w, "%s\t%s\n", indent, l)
	}
	fmt.Fprintln(w)
}

func printOptions(w io.Writer) {
	fmt.Fprintf(w, "Options:\n"+
		"\t-j, --json\tJSON output (see giw help json)\n"+
		"\t-p, --pretty\tindent JSON output\n"+
		"\t-n, --netns NS\trun in network namespace NS (a name under /run/netns or a path)\n"+
		"\t--debug\t\tprint every netlink message\n"+
		"\t--version\tshow version, commit and Go release\n")
}

// printUsage prints the general usage, or the commands whose words start
// with filt.
func printUsage(w io.Writer, cmds []*command, filt []string) {
	if len(filt) == 1 && filt[0] == "json" {
		fmt.Fprint(w, jsonSchemaHelp)
		return
	}
	fmt.Fprintf(w, "Usage:\tgiw [options] command\n")
	printOptions(w)
	fmt.Fprintf(w, "Commands:\n")
	for _, c := range cmds {
		if len(filt) > 0 {
			ok := true
			for i, f := range filt {
				if i >= len(c.path) || c.path[i] != f {
					ok = false
				}
			}
			if !ok {
				continue
			}
		}
		fmt.Fprintf(w, "\t%s\n", c.usageLine())
		printHelp(w, c, "\t")
	}
	fmt.Fprintf(w, "You can omit the 'phy' or 'dev' if the identification is unique,\n"+
		"e.g. \"giw wlan0 info\" or \"giw phy0 info\". (Don't when scripting.)\n\n"+
		"Scripts should use -j: its output is stable (giw help json).\n")
}
