/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The ports a modem holds by role, through the common port face only: a
 * fake port implements the face, so this test links core and nothing of a
 * protocol. */
#include "md-errors.h"
#include "md-modem.h"

#define TEST_TYPE_PORT (test_port_get_type ())
G_DECLARE_FINAL_TYPE (TestPort, test_port, TEST, PORT, GObject)

struct _TestPort {
  GObject parent;
  char *name;
  guint closes;
};

static const char *
test_port_name (MdPort *port)
{
  return TEST_PORT (port)->name;
}

static MdModemPortType
test_port_kind (MdPort *port)
{
  return MD_MODEM_PORT_TYPE_AT;
}

static void
test_port_close (MdPort *port)
{
  TEST_PORT (port)->closes++;
}

static void
test_port_face_init (MdPortInterface *iface)
{
  iface->get_name = test_port_name;
  iface->get_device = test_port_name;
  iface->get_kind = test_port_kind;
  iface->close = test_port_close;
}

G_DEFINE_TYPE_WITH_CODE (TestPort, test_port, G_TYPE_OBJECT,
                         G_IMPLEMENT_INTERFACE (MD_TYPE_PORT, test_port_face_init))

static void
test_port_finalize (GObject *object)
{
  g_free (TEST_PORT (object)->name);
  G_OBJECT_CLASS (test_port_parent_class)->finalize (object);
}

static void
test_port_class_init (TestPortClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_port_finalize;
}

static void
test_port_init (TestPort *self)
{
}

static TestPort *
test_port_new (const char *name)
{
  TestPort *port = g_object_new (TEST_TYPE_PORT, NULL);

  port->name = g_strdup (name);
  return port;
}

static MdModem *
new_modem (void)
{
  return md_modem_new (1, "uid", "test", NULL, &(MdModemOps){ 0 });
}

static void
test_ports_by_role (void)
{
  g_autoptr (MdModem) modem = new_modem ();
  g_autoptr (TestPort) primary = test_port_new ("ttyUSB2");
  g_autoptr (TestPort) second = test_port_new ("ttyUSB3");
  g_autoptr (TestPort) third = test_port_new ("ttyUSB4");
  g_autoptr (GPtrArray) secondary = NULL;

  g_assert_null (md_modem_get_port (modem, MD_PORT_ROLE_AT_PRIMARY));
  md_modem_hold_port (modem, MD_PORT (second), MD_PORT_ROLE_AT_SECONDARY);
  md_modem_hold_port (modem, MD_PORT (primary), MD_PORT_ROLE_AT_PRIMARY);
  md_modem_hold_port (modem, MD_PORT (third), MD_PORT_ROLE_AT_SECONDARY);
  g_assert_true (md_modem_get_port (modem, MD_PORT_ROLE_AT_PRIMARY) == MD_PORT (primary));
  g_assert_true (md_modem_get_port (modem, MD_PORT_ROLE_AT_SECONDARY) == MD_PORT (second));
  g_assert_null (md_modem_get_port (modem, MD_PORT_ROLE_MBIM));
  secondary = md_modem_get_ports_in_role (modem, MD_PORT_ROLE_AT_SECONDARY);
  g_assert_cmpuint (secondary->len, ==, 2);
  g_assert_true (g_ptr_array_index (secondary, 1) == third);
  g_assert_cmpstr (md_port_get_name (md_modem_get_port (modem, MD_PORT_ROLE_AT_PRIMARY)), ==, "ttyUSB2");
}

static void
count_free (gpointer data)
{
  (*(guint *)data)++;
}

static void
test_ports_closed_with_modem (void)
{
  MdModem *modem = new_modem ();
  g_autoptr (TestPort) port = test_port_new ("cdc-wdm0");
  guint freed = 0;

  md_port_set_driver_state (MD_PORT (port), &freed, count_free);
  g_assert_true (md_port_get_driver_state (MD_PORT (port)) == &freed);
  md_modem_hold_port (modem, MD_PORT (port), MD_PORT_ROLE_MBIM);
  g_assert_cmpuint (port->closes, ==, 0);
  g_object_unref (modem);
  /* The modem closed its port, which dropped the driver's state. */
  g_assert_cmpuint (port->closes, ==, 1);
  g_assert_cmpuint (freed, ==, 1);
  g_assert_null (md_port_get_driver_state (MD_PORT (port)));
}

static void
on_vanished (MdModem *modem, gpointer user_data)
{
  (*(guint *)user_data)++;
}

static void
test_vanished_port_removes_modem (void)
{
  g_autoptr (MdModem) modem = new_modem ();
  g_autoptr (TestPort) port = test_port_new ("ttyUSB2");
  g_autoptr (TestPort) other = test_port_new ("ttyUSB3");
  g_autoptr (GError) error = g_error_new (MD_SERIAL_ERROR, MD_SERIAL_ERROR_NOT_OPEN, "gone");
  guint vanished = 0;

  g_signal_connect (modem, "vanished", G_CALLBACK (on_vanished), &vanished);
  md_modem_hold_port (modem, MD_PORT (port), MD_PORT_ROLE_AT_PRIMARY);
  md_modem_hold_port (modem, MD_PORT (other), MD_PORT_ROLE_WATCHED);
  md_port_emit_vanished (MD_PORT (other), error);
  g_assert_cmpuint (vanished, ==, 1);
  g_assert_true (md_modem_has_vanished (modem));
  md_port_emit_vanished (MD_PORT (port), error);
  g_assert_cmpuint (vanished, ==, 1);
}

static void
test_port_outliving_modem_is_unwatched (void)
{
  MdModem *modem = new_modem ();
  g_autoptr (TestPort) port = test_port_new ("ttyUSB2");
  g_autoptr (GError) error = g_error_new (MD_SERIAL_ERROR, MD_SERIAL_ERROR_NOT_OPEN, "gone");

  md_modem_hold_port (modem, MD_PORT (port), MD_PORT_ROLE_AT_PRIMARY);
  g_object_unref (modem);
  /* No handler is left pointing at the freed modem (ASan would see it). */
  md_port_emit_vanished (MD_PORT (port), error);
  g_assert_cmpuint (port->closes, ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/modem-ports/by-role", test_ports_by_role);
  g_test_add_func ("/modem-ports/closed-with-modem", test_ports_closed_with_modem);
  g_test_add_func ("/modem-ports/vanished", test_vanished_port_removes_modem);
  g_test_add_func ("/modem-ports/outliving-port", test_port_outliving_modem_is_unwatched);
  return g_test_run ();
}
