/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Inside the QMI front end: the session state shared by the session
 * (sim-qmi.c) and the service handlers (sim-qmi-{dms,uim,nas,wds,wda,wms}.c),
 * the per-client state, and the TLV reading/writing helpers they share. */
#pragma once

#include "sim-history.h"
#include "sim-qmi-codec.h"
#include "sim-qmi.h"

G_BEGIN_DECLS

/* One allocated client id and what it asked for. */
typedef struct {
  guint8 service;
  guint8 id;
  /* NAS: indications the client registered for. */
  gboolean serving_system_ind;
  gboolean system_info_ind;
  gboolean signal_info_ind;
  gboolean signal_event_report; /* Set Event Report: signal strength / RSSI */
  /* DMS: Set Event Report with Operating Mode Reporting on. */
  gboolean operating_mode_report;
  /* UIM: Register Events (card status). */
  gboolean card_status_ind;
  /* WDS: Set IP Family, Bind Mux Data Port and the call it started. */
  guint8 ip_family; /* 4, 6 or 8 (unspecified) */
  guint8 mux_id;    /* 0: not bound */
  char *endpoint;   /* Bind Mux Data Port's endpoint: "<type>/<interface>", "none" */
  gint session;     /* the model's session id; -1: none */
  guint32 handle;   /* packet data handle while session >= 0 */
  /* WMS: Set Event Report (new MT message indications). */
  gboolean wms_event_report;
} SimQmiClient;

struct _SimQmi {
  SimModel *model;
  SimQmiWriteFunc write;
  gpointer write_data;
  GByteArray *input;
  guint input_timer;       /* drops an incomplete frame after INPUT_TIMEOUT_MS */
  GHashTable *clients;     /* (service << 8 | client id) -> SimQmiClient */
  guint8 next_client[256]; /* per service: the id tried next */
  gboolean muted;
  guint mute_after; /* answers left + 1; 0: not counting */
  SimHistory *history;
  guint subscription;
  GSList *pending;     /* NAS: delayed replies (network scan) */
  guint scan_delay_ms; /* how long a network scan takes: the AT +COPS=? delay */
  guint nas_idle;      /* sends the NAS indications once the model settled */
  gboolean nas_network_changed;
  gboolean nas_signal_changed;
  guint uim_idle; /* sends the card status indication once the model settled */
  guint dms_idle; /* sends the operating mode indication after the reply */
  /* WMS: the routes last set (type, class, storage, receipt action) and
   * whether status reports go to the client (Transfer Status Report). */
  guint8 wms_routes[8][4];
  guint wms_n_routes;
  gboolean wms_transfer_status_report;
  guint32 wms_transaction; /* of the last transfer-route indication */
  GPtrArray *wms_nv;       /* SimSms: the NV store, NULL until used */
  /* WDA: a further port keeps its own data format; the first one the
   * model's. fixed_link: Set Data Format leaves the link layer alone. */
  gboolean own_format;
  SimDataFormat format;
  gboolean fixed_link;
  char *wda_endpoint; /* the last WDA data format Endpoint Info: "<type>/<interface>" */
};

/* A handler answers one request; it is found by message id in its
 * service's table, whose name goes into the command history. */
typedef void (*SimQmiHandlerFunc) (SimQmi *self, SimQmiClient *client, const SimQmiMessage *request);
typedef struct {
  guint16 message;
  const char *name;
  SimQmiHandlerFunc func;
} SimQmiHandler;

extern const SimQmiHandler sim_qmi_dms_handlers[];
extern const SimQmiHandler sim_qmi_uim_handlers[];
extern const SimQmiHandler sim_qmi_nas_handlers[];
extern const SimQmiHandler sim_qmi_wds_handlers[];
extern const SimQmiHandler sim_qmi_wda_handlers[];
extern const SimQmiHandler sim_qmi_wms_handlers[];

/* Sends a finished frame (sim_qmi_frame_end is applied here) and frees it. */
void sim_qmi_send (SimQmi *self, GByteArray *frame);
/* A response to request carrying only the result TLV. */
void sim_qmi_reply_error (SimQmi *self, const SimQmiMessage *request, SimQmiError error);
/* A response frame to request, to be given TLVs and sent. */
GByteArray *sim_qmi_response_new (const SimQmiMessage *request);
/* A response frame with the success result TLV already in. */
GByteArray *sim_qmi_response_ok (const SimQmiMessage *request);
/* An indication frame to one client (0xFF: every client of service). */
GByteArray *sim_qmi_indication_new (guint8 service, guint8 client, guint16 message);
/* The one mapping from model errors (SIM_ERROR codes) to QMI errors. */
SimQmiError sim_qmi_error_from_model (const GError *error);
/* Every allocated client of service, in no particular order. */
GList *sim_qmi_clients_of (SimQmi *self, guint8 service);

/* Service hooks: a client id going away (release, sync) and model events. */
void sim_qmi_wds_client_released (SimQmi *self, SimQmiClient *client);
void sim_qmi_wds_model_event (SimQmi *self, const SimEvent *event);
void sim_qmi_nas_model_event (SimQmi *self, const SimEvent *event);
void sim_qmi_dms_model_event (SimQmi *self, const SimEvent *event);
void sim_qmi_uim_model_event (SimQmi *self, const SimEvent *event);
void sim_qmi_wms_model_event (SimQmi *self, const SimEvent *event);
/* The UIM PIN state of PIN1 (also DMS's PIN status): not initialized 0,
 * enabled-not-verified 1, enabled-verified 2, disabled 3, blocked 4,
 * permanently blocked 5. */
guint8 sim_qmi_uim_pin1_state (SimModel *model);

/* PIN1 operations, shared by UIM and DMS's older UIM messages: the same
 * Info TLV (PIN id, [enable,] one or two codes with a length byte), found
 * at info_tlv (UIM 0x02, DMS 0x01), answered with the result and the
 * retries left (TLV 0x10) from the model. */
typedef enum {
  SIM_QMI_PIN_VERIFY,
  SIM_QMI_PIN_UNBLOCK,
  SIM_QMI_PIN_CHANGE,
  SIM_QMI_PIN_PROTECTION,
} SimQmiPinOp;
void sim_qmi_pin_operation (SimQmi *self, const SimQmiMessage *request, SimQmiPinOp op, guint8 info_tlv);
/* NAS pieces shared by sim-qmi-nas.c and sim-qmi-nas-select.c: the
 * QmiNasRadioInterface of a technology, MCC/MNC of a 5-6 digit code, and
 * the network selection handlers. */
guint8 sim_qmi_nas_radio (SimTech tech);
gboolean sim_qmi_nas_split_code (const char *code, guint16 *mcc, guint16 *mnc, gboolean *three_digit_mnc);
void sim_qmi_nas_get_home_network (SimQmi *self, SimQmiClient *client, const SimQmiMessage *request);
void sim_qmi_nas_network_scan (SimQmi *self, SimQmiClient *client, const SimQmiMessage *request);
void sim_qmi_nas_initiate_network_register (SimQmi *self, SimQmiClient *client, const SimQmiMessage *request);
void sim_qmi_nas_get_system_selection_preference (SimQmi *self, SimQmiClient *client,
                                                  const SimQmiMessage *request);
void sim_qmi_nas_set_system_selection_preference (SimQmi *self, SimQmiClient *client,
                                                  const SimQmiMessage *request);
/* Replies a service deferred (network scan) are dropped with the session. */
void sim_qmi_nas_cancel_pending (SimQmi *self);

G_END_DECLS
