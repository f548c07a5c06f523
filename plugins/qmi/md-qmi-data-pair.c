/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Data paths of a QMI modem: pairing QMI ports with the net port of their
 * own USB interface, the pair table in the primary port's driver state,
 * which bearer holds which pair, and requests on a pair's port. The calls
 * themselves are md-qmi-bearer-ops.c's, the link layer md-qmi-data-format.c's. */
#include "md-qmi-data-pair.h"

#include "md-errors.h"
#include "md-log.h"
#include "md-qmi-ops.h"

/* --- pairing (pure) -------------------------------------------------------- */

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

static gboolean
net_taken (GArray *pairing, gint net)
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
      if (probed_at (probed, j)->type == MD_MODEM_PORT_TYPE_NET && !net_taken (pairing, (gint)j)) {
        g_array_index (pairing, MdQmiPairing, 0).net = (gint)j;
        break;
      }
    }
  }
  return pairing;
}

/* --- the pair table ------------------------------------------------------------ */

typedef struct {
  MdQmiPort *port;  /* NULL for the primary pair: the modem's QMI port */
  char *net;        /* NULL: no net port (then it is the only pair) */
  MdBearer *holder; /* the plain bearer connected over it (borrowed); NULL: free */
} Pair;

struct _MdQmiDataPairs {
  GArray *pairs; /* Pair; [0] is the primary pair */
};

static void
pair_clear (gpointer data)
{
  Pair *pair = data;

  g_clear_object (&pair->port);
  g_free (pair->net);
}

void
md_qmi_data_pairs_free (MdQmiDataPairs *pairs)
{
  g_array_unref (pairs->pairs);
  g_free (pairs);
}

/* A further pair's port keeps only the net links (shared) and its own
 * data format; the modem's state stays with the primary port. */
static void
pair_data_free (gpointer data)
{
  MdQmiModemData *qmi = data;

  g_clear_pointer (&qmi->links, md_net_links_unref);
  g_free (qmi);
}

static void
pair_client_allocated (MdQmiPort *port, QmiClient *client, gpointer user_data)
{
  md_qmi_bearer_client_allocated (MD_MODEM (user_data), client);
}

/* The device is gone: requests waiting on any of its QMI ports (a client
 * allocation is shared and outlives one caller's cancellation) fail now,
 * not at their timeouts, so a connect under way on any pair ends at once. */
static void
modem_vanished (MdModem *modem, gpointer user_data)
{
  g_autoptr (GPtrArray) ports = md_modem_get_ports_in_role (modem, MD_PORT_ROLE_QMI);

  for (guint i = 0; i < ports->len; i++)
    md_port_close (g_ptr_array_index (ports, i));
}

void
md_qmi_data_pairs_build (MdModem *modem, GPtrArray *probed, GArray *pairing, MdQmiModemData *primary)
{
  MdQmiDataPairs *pairs = g_new0 (MdQmiDataPairs, 1);
  Pair first = { 0 };
  guint with_net = 0;

  pairs->pairs = g_array_new (FALSE, TRUE, sizeof (Pair));
  g_array_set_clear_func (pairs->pairs, pair_clear);
  if (pairing->len > 0 && g_array_index (pairing, MdQmiPairing, 0).net >= 0)
    first.net = g_strdup (probed_at (probed, g_array_index (pairing, MdQmiPairing, 0).net)->name);
  g_array_append_val (pairs->pairs, first);
  for (guint i = 1; i < pairing->len; i++) {
    MdQmiPairing *link = &g_array_index (pairing, MdQmiPairing, i);
    MdProbedPort *control = probed_at (probed, link->control);
    MdQmiModemData *qmi;
    Pair pair = { 0 };

    if (link->net < 0 || !control->port)
      continue;
    pair.port = MD_QMI_PORT (g_steal_pointer (&control->port));
    pair.net = g_strdup (probed_at (probed, link->net)->name);
    qmi = g_new0 (MdQmiModemData, 1);
    qmi->links = md_net_links_ref (primary->links);
    md_port_set_driver_state (MD_PORT (pair.port), qmi, pair_data_free);
    md_modem_hold_port (modem, MD_PORT (pair.port), MD_PORT_ROLE_QMI);
    g_signal_connect_object (pair.port, "client-allocated", G_CALLBACK (pair_client_allocated), modem, 0);
    md_log_info (md_modem_get_log_name (modem), "data path %u: %s with %s", pairs->pairs->len, control->name,
                 pair.net);
    g_array_append_val (pairs->pairs, pair);
  }
  primary->pairs = pairs;
  g_signal_connect (modem, "vanished", G_CALLBACK (modem_vanished), NULL);
  /* Each pair carries one plain bearer; the primary's multiplexed ones
   * come on top (MaxActiveBearers is the pairs, as on ModemManager). */
  for (guint i = 0; i < pairs->pairs->len; i++)
    with_net += g_array_index (pairs->pairs, Pair, i).net != NULL;
  if (primary->max_mux > 0) {
    md_modem_set_max_multiplexed_bearers (modem, primary->max_mux);
    md_modem_set_max_bearers (modem, with_net + primary->max_mux);
  } else if (with_net > 1) {
    md_modem_set_max_bearers (modem, with_net);
  }
}

static MdQmiDataPairs *
pairs_of (MdModem *modem)
{
  MdQmiModemData *qmi = md_qmi_modem_data (modem);

  return qmi ? qmi->pairs : NULL;
}

static Pair *
pair_at (MdModem *modem, guint index)
{
  MdQmiDataPairs *pairs = pairs_of (modem);

  return pairs && index < pairs->pairs->len ? &g_array_index (pairs->pairs, Pair, index) : NULL;
}

guint
md_qmi_pair_count (MdModem *modem)
{
  MdQmiDataPairs *pairs = pairs_of (modem);

  return pairs ? pairs->pairs->len : 0;
}

const char *
md_qmi_pair_net (MdModem *modem, guint index)
{
  Pair *pair = pair_at (modem, index);

  return pair ? pair->net : NULL;
}

static MdQmiPort *
pair_port (MdModem *modem, guint index)
{
  Pair *pair = pair_at (modem, index);

  if (!pair)
    return NULL;
  return pair->port ? pair->port : md_qmi_modem_port (modem);
}

MdQmiModemData *
md_qmi_pair_data (MdModem *modem, guint index)
{
  MdQmiPort *port = pair_port (modem, index);

  return port ? md_port_get_driver_state (MD_PORT (port)) : NULL;
}

/* --- which bearer runs where --------------------------------------------------- */

gboolean
md_qmi_pair_take (MdModem *modem, MdBearer *bearer, gboolean multiplex, guint *out_index, GError **error)
{
  guint count = md_qmi_pair_count (modem);
  guint with_net = 0;

  for (guint i = 0; i < count; i++)
    with_net += pair_at (modem, i)->net != NULL;
  if (with_net == 0) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_NOT_FOUND, "The modem has no network interface");
    return FALSE;
  }
  if (multiplex) {
    Pair *first = pair_at (modem, 0);

    /* Switching the data port to QMAP would cut a plain bearer's call. */
    if (first->holder && first->holder != bearer && !md_qmi_pair_data (modem, 0)->qmap) {
      g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_WRONG_STATE,
                   "A plain bearer is connected: the data port cannot switch to multiplexing");
      return FALSE;
    }
    *out_index = 0;
    return TRUE;
  }
  /* A pair running QMAP only when no other is free: the data format step
   * switches it back, or refuses while its mux links are held. */
  for (guint pass = 0; pass < 2; pass++) {
    for (guint i = 0; i < count; i++) {
      Pair *pair = pair_at (modem, i);
      MdQmiModemData *qmi = md_qmi_pair_data (modem, i);

      if (pair->holder || !pair->net || (pass == 0 && qmi && qmi->qmap))
        continue;
      pair->holder = bearer;
      *out_index = i;
      md_log_debug (md_bearer_get_log_name (bearer), "data path %u (%s)", i, pair->net);
      return TRUE;
    }
  }
  g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_TOO_MANY, "All %u data paths of the modem carry a bearer",
               with_net);
  return FALSE;
}

void
md_qmi_pair_release (MdModem *modem, guint index, MdBearer *bearer)
{
  Pair *pair = pair_at (modem, index);

  if (pair && pair->holder == bearer)
    pair->holder = NULL;
}

/* --- requests on a pair -------------------------------------------------------- */

void
md_qmi_pair_op (MdModem *modem, guint index, const MdQmiRequest *request, guint instance, gpointer input,
                guint timeout_s, GTask *task, MdQmiParseFn parse, MdQmiErrorFn on_error)
{
  md_qmi_op_port (modem, pair_port (modem, index), request, instance, input, timeout_s, task, parse,
                  on_error);
}

gboolean
md_qmi_pair_find_client (MdModem *modem, QmiClient *client, QmiService service, guint n_instances,
                         guint *out_index, guint *out_instance)
{
  MdQmiDataPairs *pairs = pairs_of (modem);
  guint count = pairs ? pairs->pairs->len : 1;

  for (guint p = 0; p < count; p++) {
    MdQmiPort *port = pair_port (modem, p);

    for (guint i = 0; port && i < n_instances; i++) {
      if (md_qmi_port_peek_client_instance (port, service, i) == client) {
        *out_index = p;
        *out_instance = i;
        return TRUE;
      }
    }
  }
  return FALSE;
}
