/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Which QMI port controls a QMI modem and which net port each QMI port
 * carries data on (md_qmi_pairing), over the sysfs layouts of real
 * devices: the USB interface a port hangs from decides, never the names. */
#include "md-qmi-data-pair.h"

typedef struct {
  const char *name;
  MdModemPortType type;
  const char *interface; /* the USB interface's sysfs path; NULL: none known */
  gint number;           /* its bInterfaceNumber */
} Port;

#define QMI   MD_MODEM_PORT_TYPE_QMI
#define NET   MD_MODEM_PORT_TYPE_NET
#define AT    MD_MODEM_PORT_TYPE_AT
#define IF(n) "/sys/devices/pci0000:00/0000:00:14.0/usb1/1-4/1-4:1." #n

static const struct {
  const char *layout;
  Port ports[6];
  /* The pairs, primary first: "control=net" or "control=" without one. */
  const char *expected;
} cases[] = {
  { "Sierra MC7304: interfaces 8 and 10, each a cdc-wdm and a net",
    { { "cdc-wdm0", QMI, IF (8), 8 },
      { "wwan0", NET, IF (8), 8 },
      { "cdc-wdm1", QMI, IF (10), 10 },
      { "wwan1", NET, IF (10), 10 } },
    "cdc-wdm0=wwan0 cdc-wdm1=wwan1" },
  { "names against the interface order: the parent decides",
    { { "cdc-wdm0", QMI, IF (10), 10 },
      { "cdc-wdm1", QMI, IF (8), 8 },
      { "wwan0", NET, IF (8), 8 },
      { "wwan1", NET, IF (10), 10 } },
    "cdc-wdm1=wwan0 cdc-wdm0=wwan1" },
  { "interface 19 after interface 8 (numbers, not text)",
    { { "cdc-wdm0", QMI, IF (19), 19 },
      { "wwan0", NET, IF (19), 19 },
      { "cdc-wdm1", QMI, IF (8), 8 },
      { "wwan1", NET, IF (8), 8 } },
    "cdc-wdm1=wwan1 cdc-wdm0=wwan0" },
  { "a cdc-wdm without a net of its own stays a plain QMI port",
    { { "cdc-wdm0", QMI, IF (8), 8 }, { "wwan0", NET, IF (8), 8 }, { "cdc-wdm1", QMI, IF (10), 10 } },
    "cdc-wdm0=wwan0 cdc-wdm1=" },
  { "the secondary's net is not the primary's",
    { { "cdc-wdm0", QMI, IF (8), 8 }, { "cdc-wdm1", QMI, IF (10), 10 }, { "wwan1", NET, IF (10), 10 } },
    "cdc-wdm0= cdc-wdm1=wwan1" },
  { "one qmi_wwan function with AT ttys beside it",
    { { "ttyUSB2", AT, IF (3), 3 }, { "cdc-wdm0", QMI, IF (8), 8 }, { "wwan0", NET, IF (8), 8 } },
    "cdc-wdm0=wwan0" },
  { "Test.SetProfile ports (no sysfs): the first net port",
    { { "cdc-wdm0", QMI, NULL, -1 }, { "wwan0", NET, NULL, -1 }, { "wwan1", NET, NULL, -1 } },
    "cdc-wdm0=wwan0" },
  { "PCIe (MHI): control and net under different parents",
    { { "wwan0qmi0", QMI, NULL, -1 }, { "mhi_hwip0", NET, NULL, -1 } },
    "wwan0qmi0=mhi_hwip0" },
  { "ports without an interface come after those with one",
    { { "qmi-extra", QMI, NULL, -1 }, { "cdc-wdm0", QMI, IF (8), 8 }, { "wwan0", NET, IF (8), 8 } },
    "cdc-wdm0=wwan0 qmi-extra=" },
  { "no QMI port", { { "wwan0", NET, IF (8), 8 }, { "ttyUSB0", AT, IF (0), 0 } }, "" },
};

static void
probed_free (gpointer data)
{
  MdProbedPort *port = data;

  g_free (port->name);
  g_free (port->usb_interface);
  g_free (port);
}

static void
test_layouts (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GPtrArray) probed = g_ptr_array_new_with_free_func (probed_free);
    g_autoptr (GArray) pairing = NULL;
    g_autoptr (GString) got = g_string_new (NULL);

    for (guint j = 0; j < G_N_ELEMENTS (cases[i].ports) && cases[i].ports[j].name; j++) {
      MdProbedPort *port = g_new0 (MdProbedPort, 1);

      port->name = g_strdup (cases[i].ports[j].name);
      port->type = cases[i].ports[j].type;
      port->usb_interface = g_strdup (cases[i].ports[j].interface);
      port->usb_interface_number = cases[i].ports[j].number;
      g_ptr_array_add (probed, port);
    }
    pairing = md_qmi_pairing (probed);
    for (guint p = 0; p < pairing->len; p++) {
      MdQmiPairing *pair = &g_array_index (pairing, MdQmiPairing, p);
      MdProbedPort *control = g_ptr_array_index (probed, pair->control);

      g_string_append_printf (got, "%s%s=%s", p ? " " : "", control->name,
                              pair->net >= 0 ? ((MdProbedPort *)g_ptr_array_index (probed, pair->net))->name
                                             : "");
    }
    g_test_message ("%s", cases[i].layout);
    g_assert_cmpstr (got->str, ==, cases[i].expected);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/qmi/pairing/layouts", test_layouts);
  return g_test_run ();
}
