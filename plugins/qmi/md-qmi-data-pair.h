/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The data paths of a QMI modem: each QMI control port paired with the net
 * interface of its own USB interface (Sierra's MC73xx has two such pairs),
 * which bearer takes which pair, and requests sent on a pair's port. */
#pragma once

#include "md-qmi-modem.h"

G_BEGIN_DECLS

/* One QMI port of a device and the net port it carries data for, as
 * indexes into the probed ports. */
typedef struct {
  guint control; /* the QMI port */
  gint net;      /* its net port; -1: none (a plain secondary QMI port) */
} MdQmiPairing;

/* Pairs the probed QMI and net ports (pure: reads only type, name and the
 * USB interface fields). Element 0 is the primary control port: the QMI
 * port on the lowest USB interface number (ports without one come after,
 * in the given order). Each QMI port gets the net port of its own USB
 * interface; the primary one, when it has none (Test.SetProfile ports,
 * PCIe devices whose net and control ports hang from different parents),
 * the first net port no other QMI port pairs with. Empty without a QMI
 * port. */
GArray *md_qmi_pairing (GPtrArray *probed);
/* Whether a pairing in pairing (md_qmi_pairing's) holds the probed net
 * port at index net. */
gboolean md_qmi_pairing_net_taken (GArray *pairing, gint net);

/* The pair table of a modem, in the primary port's driver state. */
typedef struct _MdQmiDataPairs MdQmiDataPairs;
void md_qmi_data_pairs_free (MdQmiDataPairs *pairs);

/* Called by md_qmi_modem_build with the primary port already held: every
 * further pairing with a net port and an open QMI port becomes a data
 * path (its port held as QMI, with driver state of its own sharing
 * primary's net links; its WDS indications followed). Sets the modem's
 * MaxBearers and MaxActiveMultiplexedBearers from the pairs and
 * primary->max_mux. */
void md_qmi_data_pairs_build (MdModem *modem, GPtrArray *probed, GArray *pairing, MdQmiModemData *primary);

/* A port that joined the built modem (md_qmi_modem_join_port): a QMI port
 * (open; taken) or a net port becomes a data path with the other half of
 * its USB interface when that is there (a late QMI port, a net port no
 * pair holds, or a pair that lost its net port), else waits for it.
 * MaxBearers follows. FALSE: not a QMI modem, or a port of another kind. */
gboolean md_qmi_data_pairs_join (MdModem *modem, MdProbedPort *port);
/* The port named name left the modem (not its primary port): a pair with
 * it as net port or QMI port stops being a data path, the bearer over it
 * is disconnected with the reason; MaxBearers follows. A further pair's
 * QMI port that vanishes by itself leaves the same way. */
void md_qmi_data_pairs_leave (MdModem *modem, const char *name);

/* How many pairs the modem has (the primary one even without a net port;
 * a pair without one carries no bearer); 0 when its QMI port is gone. */
guint md_qmi_pair_count (MdModem *modem);
/* The net interface of pair index; NULL when it has none (now) or the
 * modem lost its QMI port. */
const char *md_qmi_pair_net (MdModem *modem, guint index);
/* The driver state of pair index's port (the modem's for pair 0); NULL
 * when it is gone (a further pair's QMI port left). */
MdQmiModemData *md_qmi_pair_data (MdModem *modem, guint index);

/* Takes a data path for bearer: a multiplexed bearer runs on the primary
 * pair (WRONG_STATE while a plain bearer holds it and QMAP is off); a
 * plain one takes the first free pair not running QMAP (primary first),
 * else a free one running QMAP (md-qmi-data-format.c switches it back or
 * refuses). NOT_FOUND without a net port; TOO_MANY when every pair
 * carries a bearer. */
gboolean md_qmi_pair_take (MdModem *modem, MdBearer *bearer, gboolean multiplex, guint *out_index,
                           GError **error);
/* Gives back what bearer took of pair index (nothing for a multiplexed one). */
void md_qmi_pair_release (MdModem *modem, guint index, MdBearer *bearer);

/* As md_qmi_op_on, on the QMI port of pair index. */
void md_qmi_pair_op (MdModem *modem, guint index, const MdQmiRequest *request, guint instance, gpointer input,
                     guint timeout_s, GTask *task, MdQmiParseFn parse, MdQmiErrorFn on_error);

/* Which pair and client instance (below n_instances) of service client is;
 * FALSE for a client of none of the modem's pairs. */
gboolean md_qmi_pair_find_client (MdModem *modem, QmiClient *client, QmiService service, guint n_instances,
                                  guint *out_index, guint *out_instance);

G_END_DECLS
