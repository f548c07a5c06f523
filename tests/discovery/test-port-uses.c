/* SPDX-License-Identifier: GPL-2.0-or-later */
/* md-port-uses: which ports of a device changed their use across a
 * re-typing, with the kind each had before (a port re-typed in place and
 * a port whose record was replaced). */
#include "md-port-uses.h"

typedef struct {
  GPtrArray *lines;
} Seen;

static void
record (MdDiscoveredPort *was, MdPortKind was_kind, gboolean was_in_use, MdDiscoveredPort *port,
        gboolean now_in_use, gpointer user_data)
{
  Seen *seen = user_data;

  g_ptr_array_add (seen->lines,
                   g_strdup_printf ("%s %s%s -> %s%s%s", port->name, md_port_kind_to_string (was_kind),
                                    was_in_use ? "" : " (unused)", md_port_kind_to_string (port->kind),
                                    now_in_use ? "" : " (unused)", was == port ? " same record" : ""));
}

static MdDiscoveredPort *
port_new (const char *name, MdPortKind kind, gboolean may_open)
{
  MdDiscoveredPort *port = md_discovered_port_new ("tty", name);

  port->kind = kind;
  port->may_open = may_open;
  return port;
}

static void
test_changes (void)
{
  g_autoptr (MdDiscoveredDevice) device = md_discovered_device_new ("uid", "/sys/devices/usb1/1-1");
  g_autoptr (GArray) before = NULL;
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  Seen seen = { lines };
  MdDiscoveredPort *retyped;
  MdDiscoveredPort *replaced;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  g_ptr_array_add (device->ports, port_new ("ttyUSB0", MD_PORT_KIND_AT, TRUE));
  g_ptr_array_add (device->ports, port_new ("ttyUSB1", MD_PORT_KIND_AT_CANDIDATE, TRUE));
  g_ptr_array_add (device->ports, port_new ("ttyUSB2", MD_PORT_KIND_GPS, FALSE));
  before = md_port_uses_snapshot (device);
  /* ttyUSB0 unchanged; ttyUSB1 re-typed in place (as evidence does);
   * ttyUSB2's record replaced by a new one that may be opened. */
  retyped = g_ptr_array_index (device->ports, 1);
  retyped->kind = MD_PORT_KIND_IGNORED;
  replaced = port_new ("ttyUSB2", MD_PORT_KIND_AT, TRUE);
  md_discovered_port_unref (g_ptr_array_index (device->ports, 2));
  device->ports->pdata[2] = replaced;

  md_port_uses_compare (before, device->ports, record, &seen);
  first = g_strdup_printf ("ttyUSB1 %s -> %s (unused) same record",
                           md_port_kind_to_string (MD_PORT_KIND_AT_CANDIDATE),
                           md_port_kind_to_string (MD_PORT_KIND_IGNORED));
  second = g_strdup_printf ("ttyUSB2 %s (unused) -> %s", md_port_kind_to_string (MD_PORT_KIND_GPS),
                            md_port_kind_to_string (MD_PORT_KIND_AT));
  g_assert_cmpuint (lines->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (lines, 0), ==, first);
  g_assert_cmpstr (g_ptr_array_index (lines, 1), ==, second);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/port-uses/changes", test_changes);
  return g_test_run ();
}
