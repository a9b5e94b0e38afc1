package link

// vcan: a virtual CAN bus device, without options.
func vcanKind() Kind { return plainKind("vcan") }
