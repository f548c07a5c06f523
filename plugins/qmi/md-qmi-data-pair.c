/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Data paths of a QMI modem: pairing QMI ports with the net port of their
 * own USB interface (md-qmi-pairing.c at build), the pair table in the
 * primary port's driver state, ports joining and leaving it later, which
 * bearer holds which pair, and requests on a pair's port. The calls are
 * md-qmi-bearer-ops.c's, the link layer md-qmi-data-format.c's. */
#include "md-qmi-data-pair.h"

#include "md-errors.h"
#include "md-log.h"
#include "md-qmi-bearer-calls.h"
#include "md-qmi-ops.h"

static MdProbedPort *
probed_at (GPtrArray *probed, guint index)
{
  return g_ptr_array_index (probed, index);
}

/* --- the pair table ------------------------------------------------------------ */

typedef struct {
  MdQmiPort *port;     /* NULL for the primary pair (the modem's QMI port) and a pair whose port left */
  char *control;       /* its QMI port's name */
  char *usb_interface; /* the USB interface of both; NULL: none known */
  char *net;           /* NULL: no net port now (not a data path) */
  MdBearer *holder;    /* the plain bearer connected over it (borrowed); NULL: free */
  gulong vanished_id;
} Pair;

/* A port that joined and waits for the other half of its pair. */
typedef struct {
  char *name;
  char *usb_interface;
  MdQmiPort *port; /* a QMI port (open, not yet a data path); NULL: a net port */
} Loose;

struct _MdQmiDataPairs {
  GArray *pairs;    /* Pair; [0] is the primary pair; indexes stay (bearers keep them) */
  GPtrArray *loose; /* Loose */
};

static void
close_pair_port (Pair *pair)
{
  if (!pair->port)
    return;
  g_clear_signal_handler (&pair->vanished_id, pair->port);
  md_port_close (MD_PORT (pair->port));
  g_clear_object (&pair->port);
}

static void
pair_clear (gpointer data)
{
  Pair *pair = data;

  close_pair_port (pair);
  g_free (pair->control);
  g_free (pair->usb_interface);
  g_free (pair->net);
}

static void
loose_free (gpointer data)
{
  Loose *loose = data;

  if (loose->port)
    md_port_close (MD_PORT (loose->port));
  g_clear_object (&loose->port);
  g_free (loose->name);
  g_free (loose->usb_interface);
  g_free (loose);
}

void
md_qmi_data_pairs_free (MdQmiDataPairs *pairs)
{
  g_array_unref (pairs->pairs);
  g_ptr_array_unref (pairs->loose);
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
  MdQmiModemData *qmi = md_qmi_modem_data (modem);
  g_autoptr (GPtrArray) ports = md_modem_get_ports_in_role (modem, MD_PORT_ROLE_QMI);

  /* The pairs' ports first: closing the modem's port drops its state. */
  for (guint i = 0; qmi && qmi->pairs && i < qmi->pairs->pairs->len; i++) {
    Pair *pair = &g_array_index (qmi->pairs->pairs, Pair, i);

    if (pair->port)
      md_port_close (MD_PORT (pair->port));
  }
  for (guint i = 0; i < ports->len; i++)
    md_port_close (g_ptr_array_index (ports, i));
}

/* MaxBearers (and MaxActiveBearers) follow the pairs with a net port: each
 * carries one plain bearer; the primary's multiplexed ones come on top, as
 * on ModemManager. */
static void
update_max_bearers (MdModem *modem, MdQmiModemData *primary)
{
  MdQmiDataPairs *pairs = primary->pairs;
  guint with_net = 0;

  for (guint i = 0; i < pairs->pairs->len; i++)
    with_net += g_array_index (pairs->pairs, Pair, i).net != NULL;
  if (primary->max_mux > 0) {
    md_modem_set_max_multiplexed_bearers (modem, primary->max_mux);
    md_modem_set_max_bearers (modem, with_net + primary->max_mux);
  } else {
    /* 0: the core's default of one. */
    md_modem_set_max_bearers (modem, with_net > 1 ? with_net : 0);
  }
}

static void pair_port_vanished (MdPort *port, const GError *error, gpointer user_data);

/* Makes a data path of port (taken) and net: driver state of its own
 * sharing primary's net links, its WDS indications followed; its going
 * away ends only this pair. */
static void
pair_add (MdModem *modem, MdQmiModemData *primary, MdQmiPort *port, const char *control,
          const char *usb_interface, const char *net)
{
  MdQmiModemData *qmi = g_new0 (MdQmiModemData, 1);
  Pair pair = {
    .port = port,
    .control = g_strdup (control),
    .usb_interface = g_strdup (usb_interface),
    .net = g_strdup (net),
  };

  qmi->links = md_net_links_ref (primary->links);
  md_port_set_driver_state (MD_PORT (port), qmi, pair_data_free);
  pair.vanished_id = g_signal_connect (port, "vanished", G_CALLBACK (pair_port_vanished), modem);
  g_signal_connect_object (port, "client-allocated", G_CALLBACK (pair_client_allocated), modem, 0);
  md_log_info (md_modem_get_log_name (modem), "data path %u: %s with %s", primary->pairs->pairs->len, control,
               net);
  g_array_append_val (primary->pairs->pairs, pair);
}

void
md_qmi_data_pairs_build (MdModem *modem, GPtrArray *probed, GArray *pairing, MdQmiModemData *primary)
{
  MdQmiDataPairs *pairs = g_new0 (MdQmiDataPairs, 1);
  Pair first = { 0 };

  pairs->pairs = g_array_new (FALSE, TRUE, sizeof (Pair));
  g_array_set_clear_func (pairs->pairs, pair_clear);
  pairs->loose = g_ptr_array_new_with_free_func (loose_free);
  primary->pairs = pairs;
  if (pairing->len > 0) {
    MdQmiPairing *link = &g_array_index (pairing, MdQmiPairing, 0);
    MdProbedPort *control = probed_at (probed, link->control);

    first.control = g_strdup (control->name);
    first.usb_interface = g_strdup (control->usb_interface);
    if (link->net >= 0)
      first.net = g_strdup (probed_at (probed, link->net)->name);
  }
  g_array_append_val (pairs->pairs, first);
  for (guint i = 1; i < pairing->len; i++) {
    MdQmiPairing *link = &g_array_index (pairing, MdQmiPairing, i);
    MdProbedPort *control = probed_at (probed, link->control);

    if (!control->port)
      continue;
    if (link->net < 0) {
      /* Its net port may still come (md_qmi_data_pairs_join). */
      Loose *loose = g_new0 (Loose, 1);

      loose->name = g_strdup (control->name);
      loose->usb_interface = g_strdup (control->usb_interface);
      loose->port = MD_QMI_PORT (g_steal_pointer (&control->port));
      g_ptr_array_add (pairs->loose, loose);
      continue;
    }
    pair_add (modem, primary, MD_QMI_PORT (g_steal_pointer (&control->port)), control->name,
              control->usb_interface, probed_at (probed, link->net)->name);
  }
  /* Net ports no QMI port pairs with wait for theirs too. */
  for (guint j = 0; j < probed->len; j++) {
    MdProbedPort *port = probed_at (probed, j);

    if (port->type == MD_MODEM_PORT_TYPE_NET && port->usb_interface
        && !md_qmi_pairing_net_taken (pairing, (gint)j)) {
      Loose *loose = g_new0 (Loose, 1);

      loose->name = g_strdup (port->name);
      loose->usb_interface = g_strdup (port->usb_interface);
      g_ptr_array_add (pairs->loose, loose);
    }
  }
  g_signal_connect (modem, "vanished", G_CALLBACK (modem_vanished), NULL);
  update_max_bearers (modem, primary);
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

/* A pair's QMI port: the modem's for the primary pair; NULL when it left. */
static MdQmiPort *
pair_port (MdModem *modem, guint index)
{
  Pair *pair = pair_at (modem, index);

  if (!pair)
    return NULL;
  return index == 0 ? md_qmi_modem_port (modem) : pair->port;
}

MdQmiModemData *
md_qmi_pair_data (MdModem *modem, guint index)
{
  MdQmiPort *port = pair_port (modem, index);

  return port ? md_port_get_driver_state (MD_PORT (port)) : NULL;
}

/* --- ports joining and leaving the built modem --------------------------------- */

static gboolean
same_interface (const char *a, const char *b)
{
  return a && b && strcmp (a, b) == 0;
}

/* The pair lost its net port or its QMI port: the bearer over it ends
 * (md-qmi-bearer-stop.c), and it carries no bearer until both are there. */
static void
pair_lose_net (MdModem *modem, MdQmiDataPairs *pairs, guint index, const char *why)
{
  Pair *pair = &g_array_index (pairs->pairs, Pair, index);
  MdBearer *holder = pair->holder;

  /* A connect still under way keeps the pair until it ends: it fails on
   * the missing port (md-qmi-bearer-ops.c). */
  if (holder)
    md_qmi_bearer_path_lost (modem, holder, why);
  md_log_info (md_modem_get_log_name (modem), "data path %u (%s) ended: %s", index,
               pair->net ? pair->net : "no net port", why);
}

void
md_qmi_data_pairs_leave (MdModem *modem, const char *name)
{
  MdQmiModemData *primary = md_qmi_modem_data (modem);
  MdQmiDataPairs *pairs = primary ? primary->pairs : NULL;
  g_autofree char *why = NULL;

  if (!pairs)
    return;
  for (guint i = pairs->loose->len; i > 0; i--) {
    if (g_strcmp0 (((Loose *)g_ptr_array_index (pairs->loose, i - 1))->name, name) == 0)
      g_ptr_array_remove_index (pairs->loose, i - 1);
  }
  for (guint i = 0; i < pairs->pairs->len; i++) {
    Pair *pair = &g_array_index (pairs->pairs, Pair, i);
    Loose *net;

    if (pair->net && strcmp (pair->net, name) == 0) {
      why = g_strdup_printf ("The network interface %s went away", name);
      if (pair->holder)
        pair_lose_net (modem, pairs, i, why);
      else
        md_log_info (md_modem_get_log_name (modem), "data path %u: its net port %s left", i, name);
      g_clear_pointer (&pair->net, g_free);
    } else if (i > 0 && pair->port && g_strcmp0 (pair->control, name) == 0) {
      why = g_strdup_printf ("The QMI port %s went away", name);
      if (pair->net)
        pair_lose_net (modem, pairs, i, why);
      close_pair_port (pair);
      /* Its net port waits for a QMI port of its interface again. */
      if (pair->net) {
        net = g_new0 (Loose, 1);
        net->name = g_steal_pointer (&pair->net);
        net->usb_interface = g_strdup (pair->usb_interface);
        g_ptr_array_add (pairs->loose, net);
      }
    }
  }
  update_max_bearers (modem, primary);
}

static void
pair_port_vanished (MdPort *port, const GError *error, gpointer user_data)
{
  MdModem *modem = user_data;
  MdQmiModemData *primary = md_qmi_modem_data (modem);

  for (guint i = 1; primary && primary->pairs && i < primary->pairs->pairs->len; i++) {
    Pair *pair = &g_array_index (primary->pairs->pairs, Pair, i);

    if (pair->port == MD_QMI_PORT (port)) {
      g_autofree char *name = g_strdup (pair->control);

      md_qmi_data_pairs_leave (modem, name);
      return;
    }
  }
}

gboolean
md_qmi_data_pairs_join (MdModem *modem, MdProbedPort *port)
{
  MdQmiModemData *primary = md_qmi_modem_data (modem);
  MdQmiDataPairs *pairs = primary ? primary->pairs : NULL;
  gboolean is_net = port->type == MD_MODEM_PORT_TYPE_NET;

  if (!pairs || (!is_net && (port->type != MD_MODEM_PORT_TYPE_QMI || !port->port)))
    return FALSE;
  /* A port that comes back under the same name starts afresh. */
  md_qmi_data_pairs_leave (modem, port->name);
  if (is_net && md_net_links_is_fake (primary->links))
    md_net_links_fake_add_parent (primary->links, port->name);
  /* The kernel's tie, as at build: the same USB interface. */
  for (guint i = 0; is_net && port->usb_interface && i < pairs->pairs->len; i++) {
    Pair *pair = &g_array_index (pairs->pairs, Pair, i);

    if (!pair->net && (i == 0 || pair->port) && same_interface (pair->usb_interface, port->usb_interface)) {
      pair->net = g_strdup (port->name);
      md_log_info (md_modem_get_log_name (modem), "data path %u: %s with %s", i, pair->control, pair->net);
      update_max_bearers (modem, primary);
      return TRUE;
    }
  }
  for (guint i = 0; port->usb_interface && i < pairs->loose->len; i++) {
    Loose *other = g_ptr_array_index (pairs->loose, i);

    if (!same_interface (other->usb_interface, port->usb_interface) || is_net == (other->port == NULL))
      continue;
    if (is_net)
      pair_add (modem, primary, g_steal_pointer (&other->port), other->name, other->usb_interface,
                port->name);
    else
      pair_add (modem, primary, MD_QMI_PORT (g_steal_pointer (&port->port)), port->name, port->usb_interface,
                other->name);
    g_ptr_array_remove_index (pairs->loose, i);
    update_max_bearers (modem, primary);
    return TRUE;
  }
  /* The other half may still come. */
  {
    Loose *loose = g_new0 (Loose, 1);

    loose->name = g_strdup (port->name);
    loose->usb_interface = g_strdup (port->usb_interface);
    loose->port = is_net ? NULL : MD_QMI_PORT (g_steal_pointer (&port->port));
    g_ptr_array_add (pairs->loose, loose);
  }
  md_log_info (md_modem_get_log_name (modem), "late port %s waits for the other half of its pair",
               port->name);
  return TRUE;
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
