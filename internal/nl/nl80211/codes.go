package nl80211

// IEEE 802.11 status and reason codes, with the texts iw prints for them.

// StatusText names an IEEE 802.11 status code (association, authentication),
// or "<unknown>".
func StatusText(code uint16) string {
	if s, ok := statusTexts[code]; ok {
		return s
	}
	return "<unknown>"
}

// ReasonText names an IEEE 802.11 reason code (deauthentication,
// disassociation), or "<unknown>".
func ReasonText(code uint16) string {
	if s, ok := reasonTexts[code]; ok {
		return s
	}
	return "<unknown>"
}

var statusTexts = map[uint16]string{
	0:  "Successful",
	1:  "Unspecified failure",
	10: "Cannot support all requested capabilities in the capability information field",
	11: "Reassociation denied due to inability to confirm that association exists",
	12: "Association denied due to reason outside the scope of this standard",
	13: "Responding station does not support the specified authentication algorithm",
	14: "Received an authentication frame with authentication transaction sequence number out of expected sequence",
	15: "Authentication rejected because of challenge failure",
	16: "Authentication rejected due to timeout waiting for next frame in sequence",
	17: "Association denied because AP is unable to handle additional associated STA",
	18: "Association denied due to requesting station not supporting all of the data rates in the BSSBasicRateSet parameter",
	19: "Association denied due to requesting station not supporting the short preamble option",
	20: "Association denied due to requesting station not supporting the PBCC modulation option",
	21: "Association denied due to requesting station not supporting the channel agility option",
	22: "Association request rejected because Spectrum Management capability is required",
	23: "Association request rejected because the information in the Power Capability element is unacceptable",
	24: "Association request rejected because the information in the Supported Channels element is unacceptable",
	25: "Association request rejected due to requesting station not supporting the short slot time option",
	26: "Association request rejected due to requesting station not supporting the ER-PBCC modulation option",
	27: "Association denied due to requesting STA not supporting HT features",
	28: "R0KH Unreachable",
	29: "Association denied because the requesting STA does not support the PCO transition required by the AP",
	30: "Association request rejected temporarily; try again later",
	31: "Robust Management frame policy violation",
	32: "Unspecified, QoS related failure",
	33: "Association denied due to QAP having insufficient bandwidth to handle another QSTA",
	34: "Association denied due to poor channel conditions",
	35: "Association (with QBSS) denied due to requesting station not supporting the QoS facility",
	37: "The request has been declined",
	38: "The request has not been successful as one or more parameters have invalid values",
	39: "The TS has not been created because the request cannot be honored. However, a suggested Tspec is provided so that the initiating QSTA may attempt to send another TS with the suggested changes to the TSpec",
	40: "Invalid Information Element",
	41: "Group Cipher is not valid",
	42: "Pairwise Cipher is not valid",
	43: "AKMP is not valid",
	44: "Unsupported RSN IE version",
	45: "Invalid RSN IE Capabilities",
	46: "Cipher suite is rejected per security policy",
	47: "The TS has not been created. However, the HC may be capable of creating a TS, in response to a request, after the time indicated in the TS Delay element",
	48: "Direct link is not allowed in the BSS by policy",
	49: "Destination STA is not present within this QBSS",
	50: "The destination STA is not a QSTA",
	51: "Association denied because Listen Interval is too large",
	52: "Invalid Fast BSS Transition Action Frame Count",
	53: "Invalid PMKID",
	54: "Invalid MDIE",
	55: "Invalid FTIE",
}

var reasonTexts = map[uint16]string{
	1:  "Unspecified",
	2:  "Previous authentication no longer valid",
	3:  "Deauthenticated because sending station is leaving (or has left) the IBSS or ESS",
	4:  "Disassociated due to inactivity",
	5:  "Disassociated because AP is unable to handle all currently associated STA",
	6:  "Class 2 frame received from non-authenticated station",
	7:  "Class 3 frame received from non-authenticated station",
	8:  "Disassociated because sending station is leaving (or has left) the BSS",
	9:  "Station requesting (re)association is not authenticated with responding station",
	10: "Disassociated because the information in the Power Capability element is unacceptable",
	11: "Disassociated because the information in the Supported Channels element is unacceptable",
	13: "Invalid information element",
	14: "MIC failure",
	15: "4-way handshake timeout",
	16: "Group key update timeout",
	17: "Information element in 4-way handshake different from (Re-)associate request/Probe response/Beacon",
	18: "Multicast cipher is not valid",
	19: "Unicast cipher is not valid",
	20: "AKMP is not valid",
	21: "Unsupported RSNE version",
	22: "Invalid RSNE capabilities",
	23: "IEEE 802.1X authentication failed",
	24: "Cipher Suite rejected per security policy",
	31: "TS deleted because QoS AP lacks sufficient bandwidth for this QoS STA due to a change in BSS service characteristics or operational mode",
	32: "Disassociated for unspecified QoS-related reason",
	33: "Disassociated because QAP lacks sufficient bandwidth for this STA",
	34: "Disassociated because of excessive frame losses and/or poor channel conditions",
	35: "Disassociated because QSTA is transmitting outside the limits of its polled TXOPs",
	36: "Requested from peer QSTA as the QSTA is leaving the QBSS (or resetting)",
	37: "Requested from peer QSTA as it does not want to use Traffic Stream",
	38: "Requested from peer QSTA as the QSTA received frames indicated Traffic Stream for which it has not set up",
	39: "Requested from peer QSTA due to time out",
	40: "Requested from peer QSTA as the QSTA is leaving the QBSS (or resetting)",
	41: "Requested from peer QSTA as it does not want to receive frames directly from the QSTA",
	42: "Requested from peer QSTA as the QSTA received DLP frames for which it has not set up",
	43: "Requested from peer QSTA as it does not want to use Block Ack",
	44: "Requested from peer QSTA as the QSTA received frames indicated Block Acknowledgement policy for which it has not set up",
	45: "Peer QSTA does not support the requested cipher suite",
}
