/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Shared by the MBIM session (sim-mbim.c) and the Basic Connect handlers
 * (sim-mbim-basic.c, sim-mbim-net.c, sim-mbim-connect.c). */
#pragma once

#include <libmbim-glib.h>

#include "sim-mbim-codec.h"
#include "sim-mbim.h"
#include "sim-qmi.h"

G_BEGIN_DECLS

/* The most sessions a scenario may give ([data] max-sessions). */
#define SIM_MBIM_MAX_SESSIONS 16

typedef struct {
  guint32 tid;
  guint32 cid;
  MbimMessageCommandType type;
  SimMbimReader buffer;
} SimMbimRequest;

/* A reply that waits: for a timer, or for the model's registration. */
typedef void (*SimMbimFinish) (SimMbim *self, guint32 tid);

typedef struct {
  SimMbim *mbim;
  guint32 tid;
  SimMbimFinish finish;
  gboolean wait_registration;
  guint timer;
} SimMbimPending;

typedef struct {
  guint8 service[SIM_MBIM_UUID_SIZE];
  guint32 cid; /* 0: every CID of the service */
} SimMbimSubscription;

struct _SimMbim {
  SimModel *model;
  SimMbimOptions options;
  SimMbimWriteFunc write;
  gpointer write_data;
  guint subscription;

  GByteArray *input; /* bytes of a message not complete yet */
  guint input_timer;
  gboolean open;
  guint32 max_transfer;
  GByteArray *fragments; /* payload of a fragmented COMMAND; NULL: none */
  guint32 fragment_tid;
  guint32 fragment_total;
  guint32 fragment_next;
  gboolean muted;
  guint mute_after; /* 0: off; n: answer n - 1 more commands, then mute */
  char *last_command;
  SimHistory *history; /* last_command of every message received */

  /* Indications: filtered by DEVICE_SERVICE_SUBSCRIBE_LIST (all until the
   * host sets one), repeated only on change, held while a command runs. */
  GArray *subscribed;          /* SimMbimSubscription; NULL: everything */
  GHashTable *last_indication; /* cid → GBytes */
  gboolean busy;
  GPtrArray *held;    /* GBytes fragments */
  guint network_idle; /* registration/packet indications once settled */
  GPtrArray *pending; /* SimMbimPending */

  /* Basic Connect state of this function */
  guint32 signal_interval;
  guint32 rssi_threshold;
  guint32 error_rate_threshold;
  gboolean own_session_change;
  gboolean session_active[SIM_MBIM_MAX_SESSIONS];
  guint8 context_type[SIM_MBIM_MAX_SESSIONS][SIM_MBIM_UUID_SIZE];

  /* QMI over MBIM (model->qmi_over_mbim): the QMI session behind the QMI
   * service, and the transaction whose COMMAND_DONE its next frame is. */
  SimQmi *qmi;
  guint32 qmi_tid; /* 0: none waiting */

  /* The USSD set waiting for the network's answer; 0: none. */
  guint32 ussd_tid;
};

/* --- sim-mbim.c --- */
/* Sends COMMAND_DONE for Basic Connect; buffer may be NULL, is consumed. */
void sim_mbim_reply (SimMbim *self, guint32 tid, guint32 cid, MbimStatusError status, GByteArray *buffer);
/* Sends (or holds) a Basic Connect INDICATE_STATUS; consumes buffer. With
 * dedupe, nothing goes out when it equals the last one of this cid. */
void sim_mbim_indicate (SimMbim *self, guint32 cid, GByteArray *buffer, gboolean dedupe);
/* The same for another service (no dedupe); consume buffer. */
void sim_mbim_reply_service (SimMbim *self, guint32 tid, const guint8 *service, guint32 cid,
                             MbimStatusError status, GByteArray *buffer);
void sim_mbim_indicate_service (SimMbim *self, const guint8 *service, guint32 cid, GByteArray *buffer);
/* COMMAND_DONE of any service from raw bytes (NULL, 0: no payload). */
void sim_mbim_send_done (SimMbim *self, guint32 tid, const guint8 *service, guint32 cid,
                         MbimStatusError status, const guint8 *data, gsize len);
void sim_mbim_defer (SimMbim *self, guint32 tid, guint delay_ms, gboolean wait_registration,
                     SimMbimFinish finish);
/* --- sim-mbim-pending.c: the deferred replies --- */
void sim_mbim_pending_free (SimMbimPending *pending);
/* Finishes the replies that waited for the registration to settle. */
void sim_mbim_check_registration_waits (SimMbim *self);
/* Drops every deferred reply (all) or those of tid, unanswered. */
void sim_mbim_cancel_pending (SimMbim *self, gboolean all, guint32 tid);
/* Writes the indications held while a command ran. */
void sim_mbim_flush_held (SimMbim *self);
MbimStatusError sim_mbim_status_from_error (const GError *error);
/* The status for a SIM that is not ready, or NONE when it is. */
MbimStatusError sim_mbim_sim_status (SimModel *model);
const guint8 *sim_mbim_basic_connect_uuid (void);

/* --- sim-mbim-qmi.c: QMI over MBIM --- */
void sim_mbim_qmi_init (SimMbim *self);
void sim_mbim_qmi_handle (SimMbim *self, const SimMbimRequest *req);

/* --- sim-mbim-basic.c: the CID table, device and SIM --- */
void sim_mbim_basic_handle (SimMbim *self, const SimMbimRequest *req);
void sim_mbim_indicate_subscriber (SimMbim *self);

/* --- sim-mbim-net.c: radio, providers, registration, packet service, signal --- */
MbimDataClass sim_mbim_data_class (SimTech tech);
void sim_mbim_radio_query (SimMbim *self, const SimMbimRequest *req);
void sim_mbim_radio_set (SimMbim *self, const SimMbimRequest *req);
void sim_mbim_home_provider_query (SimMbim *self, const SimMbimRequest *req);
void sim_mbim_visible_providers_query (SimMbim *self, const SimMbimRequest *req);
void sim_mbim_register_query (SimMbim *self, const SimMbimRequest *req);
void sim_mbim_register_set (SimMbim *self, const SimMbimRequest *req);
void sim_mbim_packet_query (SimMbim *self, const SimMbimRequest *req);
void sim_mbim_packet_set (SimMbim *self, const SimMbimRequest *req);
void sim_mbim_packet_statistics_query (SimMbim *self, const SimMbimRequest *req);
void sim_mbim_signal_query (SimMbim *self, const SimMbimRequest *req);
void sim_mbim_signal_set (SimMbim *self, const SimMbimRequest *req);
void sim_mbim_indicate_radio (SimMbim *self);
void sim_mbim_indicate_register (SimMbim *self);
void sim_mbim_indicate_packet (SimMbim *self);
void sim_mbim_indicate_signal (SimMbim *self);

/* --- sim-mbim-connect.c: sessions and their IP configuration --- */
void sim_mbim_connect_query (SimMbim *self, const SimMbimRequest *req);
void sim_mbim_connect_set (SimMbim *self, const SimMbimRequest *req);
void sim_mbim_ip_configuration_query (SimMbim *self, const SimMbimRequest *req);

/* sim-mbim-extensions.c: a command of the MS Basic Connect Extensions
 * service (service is its UUID, as the request carried it). */
void sim_mbim_extensions_handle (SimMbim *self, const SimMbimRequest *req, const guint8 *service);

/* sim-mbim-contexts.c */
void sim_mbim_provisioned_contexts_query (SimMbim *self, const SimMbimRequest *req);
void sim_mbim_provisioned_contexts_set (SimMbim *self, const SimMbimRequest *req);
/* Indicates sessions the network ended (not those the host ended). */
void sim_mbim_sessions_changed (SimMbim *self);

/* --- sim-mbim-sms.c: the SMS service over the model's "SM" storage --- */
const guint8 *sim_mbim_sms_uuid (void);
void sim_mbim_sms_handle (SimMbim *self, const SimMbimRequest *req);
/* MESSAGE_STORE_STATUS with the new message's index. */
void sim_mbim_sms_indicate_new (SimMbim *self, guint index);

/* --- sim-mbim-nitz.c: MS Voice Extensions NITZ --- */
const guint8 *sim_mbim_nitz_uuid (void);
void sim_mbim_nitz_handle (SimMbim *self, const SimMbimRequest *req);
/* The NITZ notification (the network reported its zone). */
void sim_mbim_nitz_indicate (SimMbim *self);

/* --- sim-mbim-ussd.c: the USSD service over the model's USSD network --- */
const guint8 *sim_mbim_ussd_uuid (void);
void sim_mbim_ussd_handle (SimMbim *self, const SimMbimRequest *req);
/* SIM_EVENT_USSD: completes the waiting set, else a notification. */
void sim_mbim_ussd_event (SimMbim *self);

G_END_DECLS
