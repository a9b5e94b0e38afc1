"""The Python side of the gcalc benchmark: ipaddress.collapse_addresses on a
file of networks, one per line, printed one per line."""
import ipaddress
import sys

with open(sys.argv[1]) as f:
    nets = [ipaddress.ip_network(line.strip()) for line in f if line.strip()]
out = sys.stdout
for n in ipaddress.collapse_addresses(nets):
    out.write(f'{n}\n')
