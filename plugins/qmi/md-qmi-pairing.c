/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Pairing a QMI modem's probed ports at build: each QMI port with the net
 * port of its own USB interface, the primary one first. Pure: no I/O; the
 * pair table is md-qmi-data-pair.c's. */
#include "md-qmi-data-pair.h"

static MdProbedPort *
probed_at (GPtrArray *probed, guint index)
{
  return g_ptr_array_index (probed, index);
}

/* Lowest USB interface number first; ports without one keep their order
 * after those with one. */
static gint
compare_controls (gconstpointer a, gconstpointer b, gpointer user_data)
{
  GPtrArray *probed = user_data;
  const MdProbedPort *pa = probed_at (probed, ((const MdQmiPairing *)a)->control);
  const MdProbedPort *pb = probed_at (probed, ((const MdQmiPairing *)b)->control);
  gint na = pa->usb_interface ? pa->usb_interface_number : -1;
  gint nb = pb->usb_interface ? pb->usb_interface_number : -1;

  if ((na < 0) != (nb < 0))
    return na < 0 ? 1 : -1;
  if (na != nb)
    return na < nb ? -1 : 1;
  return ((const MdQmiPairing *)a)->control < ((const MdQmiPairing *)b)->control ? -1 : 1;
}

gboolean
md_qmi_pairing_net_taken (GArray *pairing, gint net)
{
  for (guint i = 0; i < pairing->len; i++) {
    if (g_array_index (pairing, MdQmiPairing, i).net == net)
      return TRUE;
  }
  return FALSE;
}

GArray *
md_qmi_pairing (GPtrArray *probed)
{
  GArray *pairing = g_array_new (FALSE, TRUE, sizeof (MdQmiPairing));

  for (guint i = 0; i < probed->len; i++) {
    MdProbedPort *control = probed_at (probed, i);
    MdQmiPairing pair = { i, -1 };

    if (control->type != MD_MODEM_PORT_TYPE_QMI)
      continue;
    /* The kernel's own tie: both hang from the same USB interface. */
    for (guint j = 0; control->usb_interface && j < probed->len && pair.net < 0; j++) {
      MdProbedPort *net = probed_at (probed, j);

      if (net->type == MD_MODEM_PORT_TYPE_NET && g_strcmp0 (net->usb_interface, control->usb_interface) == 0)
        pair.net = (gint)j;
    }
    g_array_append_val (pairing, pair);
  }
  g_array_sort_with_data (pairing, compare_controls, probed);
  /* Without a net port of its own the primary port still carries data on
   * the device's first net port no other QMI port owns, as before pairs. */
  if (pairing->len > 0 && g_array_index (pairing, MdQmiPairing, 0).net < 0) {
    for (guint j = 0; j < probed->len; j++) {
      if (probed_at (probed, j)->type == MD_MODEM_PORT_TYPE_NET
          && !md_qmi_pairing_net_taken (pairing, (gint)j)) {
        g_array_index (pairing, MdQmiPairing, 0).net = (gint)j;
        break;
      }
    }
  }
  return pairing;
}
