#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
# Static checks of the files in data/: the XML parses and says what we mean,
# the systemd unit and the D-Bus activation file carry their required keys
# (and the unit's sandbox leaves modemd what it needs), the udev rules are
# well-formed KEY op "VALUE" lists whose ID_MD_* properties are all
# documented in data/README.md (and each interface layout of the port-type
# rules has its rules), the polkit policy declares exactly the
# actions the daemon's gate checks, and the rules table in
# src/dbus/README.md is the gate's.
import argparse
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

BUS_NAME = 'org.freedesktop.ModemManager1'
TEST_IFACE = BUS_NAME + '.Test'
POLKIT_IDS = {
    BUS_NAME + '.Control': 'auth_admin',
    BUS_NAME + '.Device.Control': 'yes',
    BUS_NAME + '.Contacts': 'yes',
    BUS_NAME + '.Messaging': 'yes',
    BUS_NAME + '.Voice': 'yes',
    BUS_NAME + '.Time': 'yes',
    BUS_NAME + '.Location': 'yes',
    BUS_NAME + '.USSD': 'yes',
    BUS_NAME + '.Firmware': 'auth_admin',
    BUS_NAME + '.CellBroadcast': 'yes',  # ModemManager 1.24
}

# Declared by ModemManager 1.22/1.24 and not by the 1.20 policy installed
# here: left out of the comparison with that file.
LATER_POLKIT_IDS = {BUS_NAME + '.CellBroadcast'}

# Interfaces without methods need no gate rules.
METHODLESS_INTERFACES = {BUS_NAME + '.Cbm'}

# Declared because ModemManager declares it, so local rules naming it stay
# valid; no method of the ModemManager1 API checks it.
UNUSED_POLKIT_IDS = {BUS_NAME + '.Contacts'}

errors = []


def fail(where, msg):
    errors.append('%s: %s' % (where, msg))


def parse_xml(path):
    try:
        return ET.parse(path).getroot()
    except ET.ParseError as e:
        fail(path, 'not well-formed XML: %s' % e)
        return None


def our_interfaces(source_dir):
    folder = os.path.join(source_dir, '..', 'introspection')
    return sorted(f[:-4] for f in os.listdir(folder)
                  if f.startswith(BUS_NAME) and f.endswith('.xml'))


def check_bus_policy(path, interfaces):
    root = parse_xml(path)
    if root is None:
        return
    if root.tag != 'busconfig':
        fail(path, 'root element is <%s>, not <busconfig>' % root.tag)
    owners = [p for p in root.findall('policy') if p.get('user') == 'root'
              and any(a.get('own') == BUS_NAME for a in p.findall('allow'))]
    if not owners:
        fail(path, 'root may not own %s' % BUS_NAME)
    default = [p for p in root.findall('policy') if p.get('context') == 'default']
    if len(default) != 1:
        fail(path, 'expected one default-context policy')
        return
    rules = list(default[0])
    allowed = {r.get('send_interface') for r in rules
               if r.tag == 'allow' and r.get('send_destination') == BUS_NAME}
    for iface in interfaces:
        if iface != TEST_IFACE and iface not in allowed:
            fail(path, 'default context may not call %s' % iface)
    for std in ('org.freedesktop.DBus.Introspectable', 'org.freedesktop.DBus.Properties',
                'org.freedesktop.DBus.ObjectManager'):
        if std not in allowed:
            fail(path, 'default context may not call %s' % std)
    if TEST_IFACE in allowed:
        fail(path, '%s is allowed to everyone' % TEST_IFACE)
    last = [i for i, r in enumerate(rules) if r.get('send_interface') == TEST_IFACE]
    if not last or rules[last[-1]].tag != 'deny' or last[-1] != len(rules) - 1:
        fail(path, 'the deny rule for %s must come last in the default context' % TEST_IFACE)
    setters = [r for r in rules if r.tag == 'allow' and r.get('send_member') == 'Set']
    if setters:
        fail(path, 'Properties.Set is open to everyone, but all properties are read-only')


def policy_actions(path):
    root = parse_xml(path)
    if root is None:
        return None
    if root.tag != 'policyconfig':
        fail(path, 'root element is <%s>, not <policyconfig>' % root.tag)
    actions = {}
    for a in root.findall('action'):
        d = a.find('defaults')
        if a.find('description') is None or a.find('message') is None or d is None:
            fail(path, '%s lacks description, message or defaults' % a.get('id'))
            continue
        actions[a.get('id')] = {c.tag: (c.text or '').strip() for c in d}
    return actions


def check_polkit(path, official_path):
    ours = policy_actions(path)
    if ours is None:
        return
    if set(ours) != set(POLKIT_IDS):
        fail(path, 'action ids differ: extra %s, missing %s'
             % (sorted(set(ours) - set(POLKIT_IDS)), sorted(set(POLKIT_IDS) - set(ours))))
    for aid, active in POLKIT_IDS.items():
        if aid in ours and ours[aid].get('allow_active') != active:
            fail(path, '%s: allow_active is %s, expected %s' % (aid, ours[aid].get('allow_active'), active))
    if official_path and os.path.isfile(official_path):
        official = policy_actions(official_path) or {}
        if official != {k: v for k, v in ours.items() if k not in LATER_POLKIT_IDS}:
            fail(path, 'ids or defaults differ from %s' % official_path)
    else:
        print('# official polkit policy not found; compared with the built-in list only')


def gate_rules(dump):
    """(interface, method, action or None, implemented) from md-gate-table-dump."""
    out = subprocess.run([dump], capture_output=True, text=True, check=True).stdout
    rules = []
    for n, line in enumerate(out.splitlines(), 1):
        fields = line.split('\t')
        if len(fields) != 4 or fields[3] not in ('implemented', 'unsupported'):
            fail(dump, 'line %d is not interface, method, action, state: %r' % (n, line))
            continue
        rules.append((fields[0], fields[1], None if fields[2] == '-' else fields[2],
                      fields[3] == 'implemented'))
    if not rules:
        fail(dump, 'printed no rules')
    return rules


def check_gate(dump, policy_path, interfaces):
    rules = gate_rules(dump)
    declared = set(policy_actions(policy_path) or {})
    used = {action for _, _, action, _ in rules if action}
    for iface, method, action, _ in rules:
        if action and action not in declared:
            fail(policy_path, '%s.%s checks %s, which the policy does not declare'
                 % (iface, method, action))
        if iface == TEST_IFACE and action:
            fail(dump, '%s.%s checks polkit; the Test interface is left to the bus policy'
                 % (iface, method))
    for action in sorted(declared - used - UNUSED_POLKIT_IDS):
        fail(policy_path, '%s is declared but no method checks it' % action)
    for action in sorted(UNUSED_POLKIT_IDS & used):
        fail(dump, '%s is checked; take it off UNUSED_POLKIT_IDS' % action)
    for iface in sorted(set(interfaces) - {r[0] for r in rules} - METHODLESS_INTERFACES):
        fail(dump, '%s has no rules in the gate' % iface)


def doc_rows(rules):
    """The rules as rows of the table in src/dbus/README.md."""
    rows = []
    for iface, method, action, implemented in rules:
        short = iface[len(BUS_NAME):] or '(Manager)'
        rows.append((short, method, action[len(BUS_NAME) + 1:] if action else 'none',
                     'yes' if implemented else 'Unsupported'))
    return rows


def check_gate_doc(dump, doc):
    """src/dbus/README.md shows the same rules, in the same order."""
    with open(doc, encoding='utf-8') as f:
        lines = f.read().split('\n')
    header = '| interface | method | polkit action | served |'
    if header not in lines:
        fail(doc, 'no rules table (%s)' % header)
        return
    rows = []
    for line in lines[lines.index(header) + 2:]:
        if not line.startswith('|'):
            break
        rows.append(tuple(cell.strip() for cell in line.strip('|').split('|')))
    expected = doc_rows(gate_rules(dump))
    for want, got in zip(expected, rows):
        if want != got:
            fail(doc, 'rules table says %s, the gate %s' % ('|'.join(got), '|'.join(want)))
            return
    if len(rows) != len(expected):
        fail(doc, 'rules table has %d rows, the gate %d rules' % (len(rows), len(expected)))


def key_file(path):
    """Sections of a systemd/D-Bus style key file: {section: {key: [values]}}."""
    sections, current = {}, None
    with open(path, encoding='utf-8') as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line or line[0] in '#;':
                continue
            if line.startswith('[') and line.endswith(']'):
                current = sections.setdefault(line[1:-1], {})
            elif '=' in line and current is not None:
                k, v = line.split('=', 1)
                current.setdefault(k.strip(), []).append(v.strip())
            else:
                fail(path, 'line %d is neither a section nor key=value' % n)
    return sections


def expect(path, sections, section, key, check, what):
    values = sections.get(section, {}).get(key)
    if not values:
        fail(path, '[%s] %s is missing' % (section, key))
    elif not check(values[-1]):
        fail(path, '[%s] %s=%s: expected %s' % (section, key, values[-1], what))


def is_daemon_path(v):
    return v.startswith('/') and v.split()[0].endswith('/modemd') and '@' not in v


def check_unit(path, source_dir):
    s = key_file(path)
    expect(path, s, 'Unit', 'Description', bool, 'a description')
    expect(path, s, 'Unit', 'Conflicts', lambda v: 'ModemManager.service' in v.split(),
           'ModemManager.service')
    expect(path, s, 'Service', 'Type', lambda v: v == 'dbus', 'dbus')
    expect(path, s, 'Service', 'BusName', lambda v: v == BUS_NAME, BUS_NAME)
    expect(path, s, 'Service', 'ExecStart', is_daemon_path, 'an absolute path to modemd')
    expect(path, s, 'Install', 'WantedBy', bool, 'a target')
    check_sandbox_keeps_needs(path, s.get('Service', {}), source_dir)


# Device groups (names in /proc/devices) of the modem control ports.
MODEM_DEVICE_GROUPS = ('char-ttyUSB', 'char-ttyACM', 'char-usb', 'char-wwan_port')


def words(service, key):
    return ' '.join(service.get(key, [])).split()


# Drivers whose loading registers the device groups above (usb comes with
# usbcore, which every USB modem needs anyway).
PORT_DRIVER_MODULES = ('usbserial', 'cdc_acm', 'wwan')


def check_modules_load(source_dir):
    """DeviceAllow= resolves group names when the service starts, so the
    groups' drivers must be loaded at boot by our modules-load.d file."""
    conf = os.path.join(source_dir, 'modemd-modules.conf')
    with open(conf, encoding='utf-8') as f:
        modules = {l.strip() for l in f if l.strip() and l.strip()[0] not in '#;'}
    for module in PORT_DRIVER_MODULES:
        if module not in modules:
            fail(conf, '%s is not loaded at boot, but the unit\'s device ACL needs its group' % module)


def check_sandbox_keeps_needs(path, service, source_dir):
    """The sandbox may restrict everything except what modemd must do: open
    modem ports, use rtnetlink and unix sockets, write net device sysfs
    attributes, and start GLib threads."""
    for key in ('PrivateDevices', 'PrivateNetwork', 'PrivateUsers'):
        if service.get(key, ['no'])[-1] in ('yes', 'true', '1'):
            fail(path, '%s would cut modemd off its devices or network links' % key)
    if service.get('DevicePolicy', ['auto'])[-1] != 'auto':
        check_modules_load(source_dir)
        allowed = {v.split()[0]: v.split()[1] if len(v.split()) > 1 else 'rwm'
                   for v in service.get('DeviceAllow', [])}
        for group in MODEM_DEVICE_GROUPS:
            if not {'r', 'w'} <= set(allowed.get(group, '')):
                fail(path, 'DevicePolicy is set, but DeviceAllow does not give %s rw' % group)
    if service.get('ProtectKernelTunables', ['no'])[-1] in ('yes', 'true', '1'):
        if '/sys/devices' not in words(service, 'ReadWritePaths'):
            fail(path, 'ProtectKernelTunables needs ReadWritePaths=/sys/devices (net device attributes)')
    caps = words(service, 'CapabilityBoundingSet')
    if caps and 'CAP_NET_ADMIN' not in caps:
        fail(path, 'CapabilityBoundingSet must keep CAP_NET_ADMIN')
    families = words(service, 'RestrictAddressFamilies') or ['AF_NETLINK', 'AF_UNIX']
    for fam in ('AF_NETLINK', 'AF_UNIX'):
        if fam not in families:
            fail(path, 'RestrictAddressFamilies must keep %s' % fam)
    for value in service.get('SystemCallFilter', []):
        if value.startswith('~') and '@resources' in value[1:].split():
            fail(path, 'SystemCallFilter must allow @resources (GLib threads call sched_setattr)')


def check_activation(path):
    s = key_file(path)
    sec = 'D-BUS Service'
    expect(path, s, sec, 'Name', lambda v: v == BUS_NAME, BUS_NAME)
    expect(path, s, sec, 'Exec', is_daemon_path, 'an absolute path to modemd')
    expect(path, s, sec, 'User', lambda v: v == 'root', 'root')
    expect(path, s, sec, 'SystemdService', lambda v: v == 'modemd.service', 'modemd.service')


UDEV_KEYS = {'ACTION', 'DEVPATH', 'KERNEL', 'KERNELS', 'NAME', 'SYMLINK', 'SUBSYSTEM',
             'SUBSYSTEMS', 'DRIVER', 'DRIVERS', 'ATTR', 'ATTRS', 'SYSCTL', 'TAG', 'TAGS',
             'ENV', 'CONST', 'TEST', 'PROGRAM', 'RESULT', 'OPTIONS', 'OWNER', 'GROUP',
             'MODE', 'SECLABEL', 'RUN', 'IMPORT', 'LABEL', 'GOTO'}
NEEDS_ATTR = {'ATTR', 'ATTRS', 'ENV', 'SYSCTL', 'CONST', 'SECLABEL'}
MATCH_ONLY = {'ACTION', 'DEVPATH', 'KERNEL', 'KERNELS', 'SUBSYSTEM', 'SUBSYSTEMS',
              'DRIVER', 'DRIVERS', 'ATTRS', 'TAGS', 'CONST', 'TEST', 'PROGRAM', 'RESULT'}
PAIR = re.compile(r'\s*([A-Z]+)(\{[^}"]+\})?\s*(==|!=|\+=|-=|:=|=)\s*"([^"]*)"\s*(,?)')


def udev_lines(path):
    """Logical lines (continuations joined) with their first line number."""
    with open(path, encoding='utf-8') as f:
        raw = f.read().split('\n')
    buf, start = '', None
    for n, line in enumerate(raw, 1):
        if start is None:
            start = n
        if line.endswith('\\'):
            buf += line[:-1]
            continue
        yield start, buf + line
        buf, start = '', None


def parse_udev_line(path, n, line):
    line = line.rstrip()
    pairs, pos = [], 0
    while pos < len(line):
        m = PAIR.match(line, pos)
        if not m or m.end() == pos:
            fail(path, 'line %d: expected KEY op "VALUE" at column %d' % (n, pos + 1))
            return None
        key, attr, op, value, sep = m.groups()
        if key not in UDEV_KEYS:
            fail(path, 'line %d: unknown key %s' % (n, key))
        if key in NEEDS_ATTR and not attr:
            fail(path, 'line %d: %s needs {attribute}' % (n, key))
        if key in MATCH_ONLY and op not in ('==', '!='):
            fail(path, 'line %d: %s can only be matched' % (n, key))
        pairs.append((key, attr, op, value))
        pos = m.end()
        if sep == '' and pos < len(line):
            fail(path, 'line %d: missing comma before column %d' % (n, pos + 1))
            return None
    return pairs


def check_udev(paths, readme):
    """Each rules file parses and its GOTOs land in the same file; every
    ID_MD_* it sets is documented, and every ID_MM_* the README says is
    honoured is mapped by one of the files."""
    props, text = set(), ''
    for path in paths:
        labels, gotos = set(), []
        for n, line in udev_lines(path):
            if not line.strip() or line.lstrip().startswith('#'):
                continue
            pairs = parse_udev_line(path, n, line)
            for key, attr, op, value in pairs or []:
                if key == 'LABEL':
                    labels.add(value)
                elif key == 'GOTO':
                    gotos.append((n, value))
                elif key == 'ENV' and attr[1:-1].startswith('ID_MD_'):
                    props.add(attr[1:-1])
        for n, target in gotos:
            if target not in labels:
                fail(path, 'line %d: GOTO "%s" has no LABEL' % (n, target))
        with open(path, encoding='utf-8') as f:
            text += f.read()
    with open(readme, encoding='utf-8') as f:
        doc = f.read()
    for p in sorted(props):
        if p not in doc:
            fail(readme, '%s is used in the rules but not documented' % p)
        mm = 'ID_MM_' + p[len('ID_MD_'):]
        if mm in doc and mm not in text:
            fail(readme, '%s is documented as honoured but not mapped' % mm)


LAYOUT_SET = re.compile(r'ENV\{\.MD_LAYOUT\}="([^"]*)"')
LAYOUT_RULE = re.compile(r'ENV\{\.MD_USB_IF\}=="([0-9a-f]{2})", ENV\{\.MD_LAYOUT\}=="\* \1([a-z0-9]+) \*", '
                         r'ENV\{\.MD_ROLE\}="\2"$')
ROLE_RULE = re.compile(r'ENV\{\.MD_ROLE\}=="([a-z0-9]+)", ENV\{ID_MD_[A-Z_]+\}="1"')


def check_port_type_layouts(path):
    """In the port-type rules, every "<interface><role>" word of a layout
    has its rule in the layout table, and every role its property rule, so
    no layout entry is silently without effect."""
    with open(path, encoding='utf-8') as f:
        lines = f.read().split('\n')
    words, table, roles = [], set(), set()
    for n, line in enumerate(lines, 1):
        for value in LAYOUT_SET.findall(line):
            if not (value.startswith(' ') and value.endswith(' ')):
                fail(path, 'line %d: a layout starts and ends with a blank' % n)
            words += [(n, w) for w in value.split()]
        m = LAYOUT_RULE.match(line)
        if m:
            table.add(m.group(1) + m.group(2))
        elif '.MD_USB_IF}==' in line:
            fail(path, 'line %d: layout table rule not in the expected form' % n)
        roles.update(ROLE_RULE.findall(line))
    if not words:
        fail(path, 'no layouts found')
    for n, word in words:
        if word not in table:
            fail(path, 'line %d: layout word %s has no rule in the layout table' % (n, word))
        if word[2:] not in roles:
            fail(path, 'line %d: role %s has no property rule' % (n, word[2:]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--source-dir', required=True)
    ap.add_argument('--unit', required=True)
    ap.add_argument('--activation', required=True)
    ap.add_argument('--official-policy')
    ap.add_argument('--gate-table-dump', required=True,
                    help='md-gate-table-dump, which prints the gate rules')
    args = ap.parse_args()
    src = args.source_dir

    check_bus_policy(os.path.join(src, BUS_NAME + '.conf'), our_interfaces(src))
    check_polkit(os.path.join(src, BUS_NAME + '.policy'), args.official_policy)
    check_gate(args.gate_table_dump, os.path.join(src, BUS_NAME + '.policy'), our_interfaces(src))
    check_gate_doc(args.gate_table_dump, os.path.join(src, '..', 'src', 'dbus', 'README.md'))
    check_unit(args.unit, src)
    check_activation(args.activation)
    rules = sorted(f for f in os.listdir(src) if f.endswith('.rules'))
    if rules != ['80-modemd.rules', '81-modemd-port-types.rules']:
        fail(src, 'unexpected udev rules files %s: add them to the checks and data/meson.build' % rules)
    check_udev([os.path.join(src, f) for f in rules], os.path.join(src, 'README.md'))
    check_port_type_layouts(os.path.join(src, '81-modemd-port-types.rules'))

    for e in errors:
        print('FAIL', e)
    if errors:
        return 1
    print('all data checks passed')
    return 0


if __name__ == '__main__':
    sys.exit(main())
