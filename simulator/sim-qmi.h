/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The QMI front end of the simulated modem: one QMUX control port. It takes
 * the bytes a host sends (QMUX frames, possibly split or joined), answers
 * CTL (client ids) and the services it serves (DMS, UIM, NAS, WDS, WDA) through a write
 * function, so the transport (pty or a test) stays outside. */
#pragma once

#include <glib.h>

#include "sim-history.h"
#include "sim-model.h"

G_BEGIN_DECLS

typedef struct _SimQmi SimQmi;

typedef void (*SimQmiWriteFunc) (const guint8 *data, gsize len, gpointer user_data);

SimQmi *sim_qmi_new (SimModel *model, SimQmiWriteFunc write, gpointer user_data);
void sim_qmi_free (SimQmi *self);

void sim_qmi_feed (SimQmi *self, const guint8 *data, gsize len);

/* How long NAS Network Scan takes (the AT +COPS=? delay). */
void sim_qmi_set_scan_delay (SimQmi *self, guint ms);

/* Mute: read messages but answer nothing, for timeout tests. */
void sim_qmi_set_muted (SimQmi *self, gboolean muted);
gboolean sim_qmi_get_muted (SimQmi *self);
/* Answer that many more requests, then behave as muted. */
void sim_qmi_mute_after (SimQmi *self, guint answers);
/* Every request received ("nas Get Serving System"), muted or not. */
const SimHistory *sim_qmi_get_history (SimQmi *self);
/* The mux ids WDS clients bound (Bind Mux Data Port), ","-separated in
 * client id order; "" when none. */
char *sim_qmi_get_mux_ids (SimQmi *self);
/* The endpoints they gave with it ("<type>/<interface>" as numbers, e.g.
 * "2/8" for HSUSB interface 8; "none" without the TLV), in the same order. */
char *sim_qmi_get_mux_endpoints (SimQmi *self);
/* The Endpoint Info of the last WDA Get or Set Data Format that carried
 * one ("<type>/<interface>" in numbers); "none" before any did. */
const char *sim_qmi_get_wda_endpoint (SimQmi *self);
/* How many client ids are allocated, over all services. */
guint sim_qmi_get_client_count (SimQmi *self);
/* Port index of the modem's QMI ports (--qmi order) and its data format
 * from [modem] qmi-data-formats: port 0 reads and sets the model's
 * (`get data-format`), a further port keeps its own, as the second
 * qmi_wwan function of a device does. */
void sim_qmi_set_port_index (SimQmi *self, guint index);
/* "raw-ip none none": the data format WDA negotiated on this port. */
char *sim_qmi_get_data_format (SimQmi *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SimQmi, sim_qmi_free)

G_END_DECLS
