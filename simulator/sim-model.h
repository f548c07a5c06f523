/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The state of one simulated 3GPP modem, free of any control protocol: an AT,
 * QMI or MBIM front end reads the public fields and changes them only through
 * the functions below, which check the change and emit an event to every
 * subscribed front end. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Error codes are the 27.007 +CME ERROR numbers: a neutral vocabulary that
 * every front end can map to its own protocol's errors. */
typedef enum {
  SIM_ERROR_PHONE_FAILURE = 0,
  SIM_ERROR_NOT_ALLOWED = 3,
  SIM_ERROR_NOT_SUPPORTED = 4,
  SIM_ERROR_SIM_NOT_INSERTED = 10,
  SIM_ERROR_SIM_PIN_REQUIRED = 11,
  SIM_ERROR_SIM_PUK_REQUIRED = 12,
  SIM_ERROR_SIM_FAILURE = 13,
  SIM_ERROR_SIM_BUSY = 14,
  SIM_ERROR_SIM_WRONG = 15,
  SIM_ERROR_INCORRECT_PASSWORD = 16,
  SIM_ERROR_MEMORY_FULL = 20,
  SIM_ERROR_INVALID_INDEX = 21,
  SIM_ERROR_NOT_FOUND = 22,
  SIM_ERROR_TEXT_TOO_LONG = 24,
  SIM_ERROR_INVALID_CHARACTERS = 25,
  SIM_ERROR_NO_NETWORK = 30,
  SIM_ERROR_NETWORK_TIMEOUT = 31,
  SIM_ERROR_NETWORK_NOT_ALLOWED = 32,
  SIM_ERROR_INCORRECT_PARAMETERS = 50,
  SIM_ERROR_UNKNOWN = 100,
  SIM_ERROR_MISSING_APN = 533, /* the network rejected the APN */
} SimError;
#define SIM_ERROR (sim_error_quark ())
GQuark sim_error_quark (void);

typedef enum {
  SIM_LOCK_READY,
  SIM_LOCK_PIN,
  SIM_LOCK_PUK,
  SIM_LOCK_BLOCKED,
  SIM_LOCK_ABSENT,
} SimLockState;

/* Values are the 27.007 <stat> of +CREG/+CGREG/+CEREG. */
typedef enum {
  SIM_REG_IDLE = 0,
  SIM_REG_HOME = 1,
  SIM_REG_SEARCHING = 2,
  SIM_REG_DENIED = 3,
  SIM_REG_UNKNOWN = 4,
  SIM_REG_ROAMING = 5,
} SimRegState;

typedef enum {
  SIM_DOMAIN_CS,
  SIM_DOMAIN_PS,
  SIM_DOMAIN_EPS,
  SIM_DOMAIN_5GS,
} SimDomain;
#define SIM_N_DOMAINS 4

typedef enum {
  SIM_TECH_GSM,
  SIM_TECH_GPRS,
  SIM_TECH_EDGE,
  SIM_TECH_UMTS,
  SIM_TECH_HSDPA,
  SIM_TECH_HSUPA,
  SIM_TECH_HSPA,
  SIM_TECH_LTE,
  SIM_TECH_5GNR,
} SimTech;

/* Values are the 27.007 <stat> of a +COPS=? entry. */
typedef enum {
  SIM_OPERATOR_UNKNOWN = 0,
  SIM_OPERATOR_AVAILABLE = 1,
  SIM_OPERATOR_CURRENT = 2,
  SIM_OPERATOR_FORBIDDEN = 3,
} SimOperatorStatus;

/* Values are the 27.007 <mode> of +COPS. */
typedef enum {
  SIM_SELECT_AUTOMATIC = 0,
  SIM_SELECT_MANUAL = 1,
  SIM_SELECT_DEREGISTER = 2,
} SimSelectMode;

/* Values are the 27.005 <stat> of a stored message in PDU mode. */
typedef enum {
  SIM_SMS_UNREAD = 0,
  SIM_SMS_READ = 1,
  SIM_SMS_UNSENT = 2,
  SIM_SMS_SENT = 3,
} SimSmsStatus;

typedef enum {
  SIM_EVENT_POWER,
  SIM_EVENT_SIM,
  SIM_EVENT_REGISTRATION, /* domain: which one changed */
  SIM_EVENT_OPERATOR,
  SIM_EVENT_ACCESS_TECH,
  SIM_EVENT_SIGNAL,
  SIM_EVENT_CONTEXT, /* index: the cid; 0 for a data session (sessions) */
  SIM_EVENT_ATTACH,
  SIM_EVENT_SMS_RECEIVED,      /* index: the storage index */
  SIM_EVENT_SMS_STATUS_REPORT, /* the PDU is sms_status_report */
  SIM_EVENT_RING,
  SIM_EVENT_CALL_DROPPED, /* the network ended the data call */
  SIM_EVENT_TIMEZONE,     /* the network sent its time zone (NITZ) */
  SIM_EVENT_USSD,         /* a USSD answer or message: model->ussd */
} SimEventKind;

/* The <m> of a USSD report (27.007 +CUSD). */
typedef enum {
  SIM_USSD_DONE = 0,
  SIM_USSD_ACTION_REQUIRED = 1,
  SIM_USSD_TERMINATED = 2,
  SIM_USSD_NOT_SUPPORTED = 4,
} SimUssdStatus;

typedef struct {
  SimEventKind kind;
  SimDomain domain;
  guint index;
} SimEvent;

typedef void (*SimEventFunc) (const SimEvent *event, gpointer user_data);

typedef struct {
  char *code; /* MCC+MNC digits */
  char *long_name;
  char *short_name;
  SimTech tech;
  SimOperatorStatus status; /* as configured; CURRENT is computed */
} SimOperator;

typedef struct {
  guint cid;
  char *type; /* "IP", "IPV6", "IPV4V6" */
  char *apn;
  gboolean active;
} SimContext;

/* A data session as a control protocol sees it (MBIM session, QMI packet
 * data handle): a PDN connection of its own, numbered by the front end,
 * independent of the AT contexts. Present in the list only while active. */
typedef struct {
  guint id; /* 0 .. max_sessions-1 */
  char *apn;
  char *type; /* "IP", "IPV6", "IPV4V6" */
} SimSession;

/* The radio access generations the terminal allows (a mode preference). */
typedef enum {
  SIM_MODE_2G = 1 << 0,
  SIM_MODE_3G = 1 << 1,
  SIM_MODE_4G = 1 << 2,
  SIM_MODE_5G = 1 << 3,
} SimModeFlags;
#define SIM_MODES_ALL (SIM_MODE_2G | SIM_MODE_3G | SIM_MODE_4G | SIM_MODE_5G)

/* How packets cross the data port (what a host negotiates, e.g. with QMI
 * WDA Set Data Format): link layer and aggregation per direction. */
typedef enum {
  SIM_LINK_LAYER_802_3,
  SIM_LINK_LAYER_RAW_IP,
} SimLinkLayer;

typedef enum {
  SIM_AGGREGATION_NONE,
  SIM_AGGREGATION_QMAP,
  SIM_AGGREGATION_QMAPV5,
} SimAggregation;

/* QMI front ends (--qmi) one modem may have, as a device with several
 * qmi_wwan functions. */
#define SIM_MAX_QMI_PORTS 4

typedef struct {
  SimLinkLayer link_layer;
  SimAggregation uplink;
  SimAggregation downlink;
  guint downlink_max_datagrams; /* 0: not set */
  guint downlink_max_size;
} SimDataFormat;

typedef struct {
  guint index;
  SimSmsStatus status;
  char *pdu; /* upper-case hex, SMSC address included */
} SimSms;

typedef struct {
  char *manufacturer;
  char *model;
  char *revision;
  char *imei;
  char *ati1; /* what ATI1 answers, lines split at '\n'; NULL: as ATI */
} SimIdentity;

typedef struct {
  gboolean present;
  char *iccid;
  char *imsi;
  char *spn;
  guint mnc_length;
  char *pin;
  char *puk;
  gboolean pin_enabled;
  guint pin_retries;
  guint puk_retries;
  guint pin_max;
  guint puk_max;
  SimLockState lock;
  GStrv own_numbers;
} SimCard;

typedef struct {
  /* What the network would give us with the radio on: changed by the
   * control socket, never by the terminal side. */
  SimRegState target;
  char *network_code; /* the operator automatic selection lands on */
  char *network_name;
  SimSelectMode select_mode;
  char *operator_code;
  char *operator_name;
  SimTech tech;
  SimTech auto_tech; /* restored when manual selection ends */
  guint rssi;        /* 0-31, 99 unknown */
  guint ber;         /* 0-7, 99 unknown */
  guint lac;
  guint tac;
  guint cell_id;
  gboolean detached; /* the terminal asked for a PS detach */
  guint registration_delay_ms;
  GPtrArray *available; /* SimOperator */
} SimNetwork;

typedef struct {
  SimIdentity identity;
  SimCard sim;
  SimNetwork net;
  SimRegState reg[SIM_N_DOMAINS]; /* what the terminal sees now */
  guint cfun;
  guint cfun_at_start; /* the scenario's, for a restart */
  GPtrArray *contexts; /* SimContext, sorted by cid */
  guint max_cid;
  guint call_cid;     /* the context of the data call; 0: none */
  char *ipv4_address; /* of context/session 0; session N adds N to the last octet */
  char *ipv6_address; /* ... and to the last 16-bit group */
  guint ipv4_prefix;
  char *ipv4_gateway; /* NULL: none */
  GStrv ipv4_dns;
  guint ipv4_mtu; /* 0: not reported */
  guint ipv6_prefix;
  char *ipv6_gateway;
  GStrv ipv6_dns;
  guint ipv6_mtu;
  GPtrArray *sessions;       /* SimSession, sorted by id */
  gboolean drops_unreported; /* while set, the QMI and MBIM front ends indicate no session ending */
  guint64 rx_octets;         /* MBIM packet statistics: received over all sessions */
  guint64 tx_octets;         /* ... and sent; the control socket's `traffic` adds */
  guint max_sessions;
  /* WDA data format requests need the Endpoint Info TLV (as Quectel's RM500Q). */
  gboolean wda_endpoint_required;
  /* An MBIM Connect query for an inactive session is refused (CONTEXT_NOT_ACTIVATED). */
  gboolean mbim_query_refuses_inactive;
  /* WDA offers QMAP aggregation (TRUE at start); without, QMAP is refused. */
  gboolean qmap;
  gboolean qmi_over_mbim; /* the MBIM function also serves QMI (Qualcomm's QMI service) */
  GStrv qmi_services;     /* the QMI services listed and served ("dms", "uim"...); NULL: all */
  /* [modem] qmi-data-formats: per QMI port (--qmi, in order) the link layer
   * it starts with and whether Set Data Format may change it. */
  SimLinkLayer qmi_link[SIM_MAX_QMI_PORTS];
  gboolean qmi_link_fixed[SIM_MAX_QMI_PORTS];
  GStrv reject_apns; /* APNs the network refuses, compared without case */
  SimDataFormat data_format;
  guint allowed_modes; /* SimModeFlags; all at start */
  GPtrArray *sms;      /* SimSms, sorted by index */
  guint sms_capacity;
  char *sms_storages;       /* the +CPMS=? answer's lists; NULL: only "SM" */
  GPtrArray *sms_sent;      /* char*: every PDU sent (+CMGS), upper-case hex */
  guint sms_next_reference; /* TP-MR the network gives the next message */
  char *sms_status_report;  /* the last status report PDU delivered */
  GPtrArray *sms_burst;     /* char*: PDUs of a paced burst still to arrive */
  guint sms_burst_timer;
  GTimeSpan clock_offset; /* added to the host's clock */
  int utc_offset_minutes;
  int dst_hours; /* the part of the offset due to DST, as the network says */
  struct {
    SimUssdStatus status; /* of the last report */
    char *text;           /* of the last report; NULL: none */
    char *last_request;   /* the last string the user sent */
    gboolean menu_open;
    guint timer;
  } ussd;

  /* private */
  GArray *subscribers;
  guint next_subscriber;
  guint registration_timer;
  gboolean could_register;
} SimModel;

SimModel *sim_model_new (void);
void sim_model_free (SimModel *self);

guint sim_model_subscribe (SimModel *self, SimEventFunc func, gpointer user_data);
void sim_model_unsubscribe (SimModel *self, guint id);
void sim_model_emit (SimModel *self, SimEventKind kind, SimDomain domain, guint index);

/* Names used by scenarios and the control socket. */
gboolean sim_reg_state_from_name (const char *name, SimRegState *out);
const char *sim_reg_state_name (SimRegState state);
gboolean sim_tech_from_name (const char *name, SimTech *out);
const char *sim_tech_name (SimTech tech);
const char *sim_lock_state_name (SimLockState lock);
/* The 27.007 <AcT> of a technology. */
guint sim_tech_act (SimTech tech);
gboolean sim_tech_from_act (guint act, SimTech *out);

/* Called once a scenario is loaded: derives the SIM lock and the terminal's
 * registration from the configuration. */
void sim_model_start (SimModel *self);

/* The firmware restarts without leaving the bus: the data call and every
 * session end unreported, CFUN and the SIM lock return to their power-on
 * values (the PIN is asked again), registration follows. The front ends
 * reset their own state first (sim_at_restart, sim_mbim_restart). */
void sim_model_restart (SimModel *self);

/* --- power and network (sim-model.c) --- */
gboolean sim_model_set_cfun (SimModel *self, guint cfun, GError **error);
void sim_model_set_network_registration (SimModel *self, SimRegState state);
void sim_model_set_network_operator (SimModel *self, const char *code, const char *name);
void sim_model_set_tech (SimModel *self, SimTech tech);
gboolean sim_model_set_signal (SimModel *self, guint rssi, GError **error);
gboolean sim_model_select_operator (SimModel *self, SimSelectMode mode, const char *code, GError **error);
gboolean sim_model_set_attached (SimModel *self, gboolean attached, GError **error);
/* A mode preference: any non-empty set of SimModeFlags. Stored and
 * reported; the simulated network does not follow it. */
gboolean sim_model_set_allowed_modes (SimModel *self, guint modes, GError **error);
/* "2g,3g,4g,5g": the allowed modes by name, for the control socket. */
char *sim_model_allowed_modes_string (SimModel *self);
/* The best of the domains, as a user would describe the registration. */
SimRegState sim_model_get_registration (SimModel *self);
gboolean sim_model_is_registered (SimModel *self);
/* Whether PS, EPS or 5GS is registered: packet data can flow. */
gboolean sim_model_has_packet_service (SimModel *self);
/* The network is still searching after the radio came on
 * (registration-delay-ms): the registration outcome is yet to come. */
gboolean sim_model_registration_pending (SimModel *self);
/* The signal as measured now: unknown (99) with the radio off. */
guint sim_model_current_rssi (SimModel *self);
SimOperatorStatus sim_model_operator_status (SimModel *self, const SimOperator *op);
SimOperator *sim_operator_new (const char *code, const char *long_name, const char *short_name, SimTech tech,
                               SimOperatorStatus status);
void sim_operator_free (SimOperator *op);
GDateTime *sim_model_get_clock (SimModel *self);
void sim_model_set_clock (SimModel *self, GDateTime *time);
/* The network reports its zone: the clock's instant stays, its offset
 * becomes offset_minutes (a multiple of 15 within +-14 h) of which
 * dst_hours (0-2) are DST; SIM_EVENT_TIMEZONE. */
gboolean sim_model_set_timezone (SimModel *self, int offset_minutes, int dst_hours, GError **error);
/* USSD (sim-model-ussd.c): the user sends text (a code, or a choice in a
 * menu); the network answers with SIM_EVENT_USSD on the next loop turn. */
void sim_model_ussd_send (SimModel *self, const char *text);
void sim_model_ussd_cancel (SimModel *self);
/* A network-initiated notification (DONE) or request (ACTION_REQUIRED),
 * or the end of the session (TERMINATED): SIM_EVENT_USSD at once. */
void sim_model_ussd_network (SimModel *self, SimUssdStatus status, const char *text);
void sim_model_ussd_clear (SimModel *self);
void sim_model_ring (SimModel *self);
void sim_model_update_registration (SimModel *self);

/* --- SIM card (sim-model-sim.c) --- */
gboolean sim_model_check_sim_ready (SimModel *self, GError **error);
/* What the card asks for once powered: ABSENT, BLOCKED, PUK, PIN or READY
 * from its presence, PIN lock and counters. */
SimLockState sim_model_card_lock (SimModel *self);
/* Takes the card out (data call and sessions end, SIM_EVENT_SIM, the
 * modem deregisters) or puts it back (it asks for its PIN again when the
 * lock is on). NOT_ALLOWED when it already is where asked. */
gboolean sim_model_set_card_present (SimModel *self, gboolean present, GError **error);
gboolean sim_model_enter_pin (SimModel *self, const char *pin, GError **error);
gboolean sim_model_enter_puk (SimModel *self, const char *puk, const char *new_pin, GError **error);
gboolean sim_model_set_pin_enabled (SimModel *self, gboolean enabled, const char *pin, GError **error);
gboolean sim_model_change_pin (SimModel *self, const char *old_pin, const char *new_pin, GError **error);
gboolean sim_pin_is_valid (const char *pin, guint min_len, guint max_len);

/* --- contexts, data call and messages (sim-model-data.c) --- */
SimContext *sim_model_find_context (SimModel *self, guint cid);
gboolean sim_model_define_context (SimModel *self, guint cid, const char *type, const char *apn,
                                   GError **error);
gboolean sim_model_undefine_context (SimModel *self, guint cid, GError **error);
gboolean sim_model_set_context_active (SimModel *self, guint cid, gboolean active, GError **error);
/* cid 0 picks the first defined context (what "ATD*99#" means). */
gboolean sim_model_start_call (SimModel *self, guint cid, GError **error);
/* The terminal hung up; no event, the front end knows. */
void sim_model_end_call (SimModel *self);
/* The network dropped the call: SIM_EVENT_CALL_DROPPED. FALSE if none. */
gboolean sim_model_drop_call (SimModel *self);

gboolean sim_model_apn_rejected (SimModel *self, const char *apn);

/* --- data sessions (sim-model-session.c) --- */
void sim_session_free (SimSession *session);
SimSession *sim_model_find_session (SimModel *self, guint id);
/* Attaches first when detached; fails with NO_NETWORK without packet
 * service, MISSING_APN for a rejected APN, INCORRECT_PARAMETERS for an id
 * beyond max_sessions or a bad type, NOT_ALLOWED when the session is
 * active with another APN (the same APN again is a no-op). */
gboolean sim_model_activate_session (SimModel *self, guint id, const char *apn, const char *type,
                                     GError **error);
/* NOT_FOUND when the session is not active. */
gboolean sim_model_deactivate_session (SimModel *self, guint id, GError **error);
/* The network ends every session; returns how many there were. */
guint sim_model_drop_sessions (SimModel *self);
void sim_model_set_data_format (SimModel *self, const SimDataFormat *format);
/* "raw-ip qmap qmap": link layer, uplink and downlink aggregation. */
char *sim_model_data_format_string (SimModel *self);
/* "802-3 none none": link layer, uplink and downlink aggregation. */
char *sim_data_format_string (const SimDataFormat *format);
/* The address session id gets: the configured one plus id in its last
 * octet (IPv4) or 16-bit group (IPv6). Free with g_free(). */
char *sim_model_session_address (SimModel *self, guint id, gboolean ipv6);

SimSms *sim_model_find_sms (SimModel *self, guint index);
/* Returns the index the message was stored at, or 0 on error. */
guint sim_model_store_sms (SimModel *self, SimSmsStatus status, const char *pdu, GError **error);
guint sim_model_receive_sms (SimModel *self, const char *pdu, GError **error);
gboolean sim_model_delete_sms (SimModel *self, guint index, GError **error);
void sim_model_mark_sms_read (SimModel *self, SimSms *sms);
/* sim-model-sms.c: the network side. Records pdu as sent and returns its
 * message reference (0-255, counting up); FALSE for a PDU that is no hex
 * PDU or carries no SMS-SUBMIT. */
gboolean sim_model_send_sms (SimModel *self, const char *pdu, guint *reference, GError **error);
/* Stores n generated messages (sim-sms-gen.h: every tenth in two parts),
 * without events, as if they were there before; returns the entries
 * stored. Fails, storing nothing, when they do not fit. */
guint sim_model_fill_sms (SimModel *self, guint n, GError **error);
/* n generated single-part messages arrive one after another, each stored
 * unread with its SIM_EVENT_SMS_RECEIVED, all at once (gap_ms 0) or one
 * every gap_ms from the main loop; returns n. Fails, storing nothing,
 * when they do not fit with the rest of a paced burst, or while one runs. */
guint sim_model_burst_sms (SimModel *self, guint n, guint gap_ms, GError **error);
/* Delivers a status report (hex PDU, SMSC field first):
 * SIM_EVENT_SMS_STATUS_REPORT. */
gboolean sim_model_status_report (SimModel *self, const char *pdu, GError **error);
gboolean sim_pdu_is_valid (const char *hex, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SimModel, sim_model_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SimOperator, sim_operator_free)

G_END_DECLS
