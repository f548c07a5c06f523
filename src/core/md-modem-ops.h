/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Capability ops tables: one small table per concern, implemented once per
 * protocol (plugins/at, plugins/qmi, plugins/mbim). A vendor plugin copies a
 * protocol's table and overrides single entries. */
#pragma once

#include <gio/gio.h>

#include "md-enums.h"
#include "md-sms.h"

G_BEGIN_DECLS

typedef struct _MdModem MdModem;
typedef struct _MdBearer MdBearer;

/* Every op receives a GTask whose source object is the modem; the op owns it
 * and must return through it exactly once, with the value documented at the
 * op. A NULL op means "not supported". */
typedef void (*MdModemOp) (MdModem *modem, GTask *task);

typedef struct {
  /* Brings the control ports to a known configuration (echo off, verbose
   * errors, ...). Returns a boolean. */
  MdModemOp setup;
  /* Returns an MdModemIdentity* (free with md_modem_identity_free). */
  MdModemOp load_identity;
  /* Returns the MdModemCapability bits as a gssize. */
  MdModemOp load_capabilities;
  /* Returns the MdBearerIpFamily bits the modem supports, as a gssize. */
  MdModemOp load_ip_families;
  /* Returns a GStrv of the subscriber's own numbers (maybe empty). */
  MdModemOp load_own_numbers;
  /* Returns a GArray of MdModeCombination. */
  MdModemOp load_supported_modes;
  /* Returns an MdModeCombination* (g_free). */
  MdModemOp load_current_modes;
  /* Returns the MdModem3gppEpsUeModeOperation, as a gssize. */
  MdModemOp load_eps_ue_mode;
} MdModemInitOps;

typedef struct {
  guint32 allowed;   /* MdModemMode bits */
  guint32 preferred; /* one MdModemMode bit, or NONE */
} MdModeCombination;

typedef struct {
  MdModemLock lock;
  guint retries;
} MdUnlockRetry;

typedef struct {
  /* Returns the MdModemLock now required, as a gssize. A missing SIM fails
   * with MD_MOBILE_EQUIPMENT_ERROR_SIM_NOT_INSERTED. */
  MdModemOp load_unlock_required;
  /* Returns a GArray of MdUnlockRetry (maybe empty when unknown). */
  MdModemOp load_unlock_retries;
  /* Returns an MdSimInfo* (md_sim_info_free). */
  MdModemOp load_sim_info;
  /* Returns the MdModem3gppFacility bits of enabled locks, as a gssize. */
  MdModemOp load_facility_locks;
  /* Asks the modem to report the card's insertion and removal, which the
   * plugin passes to md_modem_report_sim_presence; runs before the unlock
   * check. Returns a boolean. NULL: the modem reports them unasked, or the
   * plugin has no way to hear of them. */
  MdModemOp watch_presence;
  /* Each returns a boolean. */
  void (*send_pin) (MdModem *modem, const char *pin, GTask *task);
  void (*send_puk) (MdModem *modem, const char *puk, const char *new_pin, GTask *task);
  void (*enable_pin) (MdModem *modem, const char *pin, gboolean enabled, GTask *task);
  void (*change_pin) (MdModem *modem, const char *old_pin, const char *new_pin, GTask *task);
} MdModemSimOps;

typedef struct {
  /* Returns the MdModemPowerState, as a gssize. */
  MdModemOp load_power_state;
  /* Returns a boolean. */
  void (*set_power_state) (MdModem *modem, MdModemPowerState state, GTask *task);
  /* Returns a boolean. */
  void (*set_current_modes) (MdModem *modem, const MdModeCombination *modes, GTask *task);
} MdModemPowerOps;

typedef struct {
  char *code; /* MCC+MNC */
  char *long_name;
  char *short_name;
  MdModem3gppNetworkAvailability availability;
  guint32 access_technology; /* MdModemAccessTechnology bits */
} MdNetwork;

void md_network_free (MdNetwork *network);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdNetwork, md_network_free)

typedef struct {
  /* Installs handlers for unsolicited registration/signal reports; they
   * feed md_modem_update_registration(). Returns a boolean. */
  MdModemOp setup_unsolicited;
  /* Turns the reports on / off in the modem. Return booleans. */
  MdModemOp enable_unsolicited;
  MdModemOp disable_unsolicited;
  /* Queries registration in every domain and feeds
   * md_modem_update_registration(), with the access technologies, and
   * md_modem_set_operator() where the answer carries them. Returns a
   * boolean. */
  MdModemOp poll_registration;
  /* Returns an MdNetwork* of the current operator (code and name). NULL
   * where poll_registration's answer already gives the operator (MBIM
   * Register State, QMI Serving System): a poll then asks the modem once,
   * not once per value. */
  MdModemOp load_operator;
  /* Returns a boolean; operator_id NULL or "" means automatic. */
  void (*register_network) (MdModem *modem, const char *operator_id, GTask *task);
  /* Returns a GPtrArray of MdNetwork* (with free func). */
  MdModemOp scan;
  /* Returns the signal quality in percent (0-100) as a gssize, or fails. */
  MdModemOp load_signal_quality;
  /* Returns the MdModemAccessTechnology bits, as a gssize. NULL where
   * poll_registration gives them (see load_operator). */
  MdModemOp load_access_technologies;
} MdModemNetregOps;

typedef struct {
  /* Connects bearer; returns a boolean after it filled the bearer's
   * connection details (md_bearer_set_connected). */
  void (*connect) (MdModem *modem, MdBearer *bearer, GCancellable *cancellable, GTask *task);
  /* Returns a boolean. */
  void (*disconnect) (MdModem *modem, MdBearer *bearer, GTask *task);
  /* Returns an MdTraffic* (g_free): the octets the modem's data sessions
   * received and sent since it started counting. NULL: not reported. */
  MdModemOp load_traffic;
  /* Asks the modem whether connected bearer's connection is still up, for
   * a drop it did not report: a connection the modem says is gone is
   * dropped as its report would have dropped it (md_modem_bearer_dropped).
   * Returns a boolean; fails when the modem could not say. bearer is
   * borrowed: the op references it while it waits. The poller calls it.
   * NULL: the modem's reports alone end connections. */
  void (*check_connection) (MdModem *modem, MdBearer *bearer, GTask *task);
} MdModemBearerOps;

/* Modem.Signal's dictionaries, one per technology. */
typedef enum {
  MD_SIGNAL_TECH_CDMA,
  MD_SIGNAL_TECH_EVDO,
  MD_SIGNAL_TECH_GSM,
  MD_SIGNAL_TECH_UMTS,
  MD_SIGNAL_TECH_LTE,
  MD_SIGNAL_TECH_NR5G,
  MD_SIGNAL_TECH_COUNT,
} MdSignalTech;

/* One technology's measurements; NaN where not known. dBm for rssi, rscp,
 * rsrp and io; dB for ecio, sinr, rsrq and snr; percent for error_rate. */
typedef struct {
  double rssi, rscp, ecio, sinr, io, rsrp, rsrq, snr, error_rate;
} MdSignalValues;

typedef struct {
  MdSignalValues tech[MD_SIGNAL_TECH_COUNT];
} MdSignalReport;

/* Every value of report set to "not known". */
void md_signal_report_clear (MdSignalReport *report);
/* The dictionary a measurement without its own technology belongs in: the
 * best of the MdModemAccessTechnology bits in use (GSM when none). */
MdSignalTech md_signal_tech_from_access_technologies (guint32 access_technologies);

typedef struct {
  /* Returns an MdSignalReport* (g_free). */
  MdModemOp load_values;
} MdModemSignalOps;

/* Modem.Time's NetworkTimezone; offsets in minutes. */
typedef struct {
  gboolean known;
  gint offset; /* from UTC, DST included */
  gboolean has_dst_offset;
  gint dst_offset; /* the part of offset due to DST */
  gboolean has_leap_seconds;
  gint leap_seconds;
} MdNetworkTimezone;

typedef struct {
  /* Installs handlers for the network's time zone reports; they feed
   * md_modem_set_network_timezone(). Returns a boolean. */
  MdModemOp setup_reports;
  /* Asks the modem for the reports (while enabling). Returns a boolean. */
  MdModemOp enable_reports;
  /* Returns the network time as ISO 8601 local time (a string, g_free). */
  MdModemOp load_network_time;
} MdModemTimeOps;

typedef struct {
  /* The MdModemLocationSource bits the protocol gives. 3GPP LAC/CI comes
   * from the registration reports netreg follows where they carry it. */
  guint32 sources;
  /* Reads the serving cell where the registration reports do not carry
   * it: returns an MdCellLocation* (g_free). NULL: the reports do. */
  MdModemOp load_cell;
} MdModemLocationOps;

/* What a network USSD report says (md_modem_ussd_report). */
typedef enum {
  MD_USSD_REPORT_DONE,            /* an answer or notification; nothing more */
  MD_USSD_REPORT_ACTION_REQUIRED, /* the network waits for a response */
  MD_USSD_REPORT_TERMINATED,      /* the network ended the session */
  MD_USSD_REPORT_FAILED,          /* not supported, timed out, another client */
} MdUssdReport;

typedef struct {
  /* Installs the handler for the network's USSD reports; it feeds
   * md_modem_ussd_report(). Returns a boolean. */
  MdModemOp setup_reports;
  /* Asks the modem for the reports (while enabling). Returns a boolean. */
  MdModemOp enable_reports;
  /* Sends text (a request, or a response in a session) to the network,
   * as the D-Bus layer validated it. Returns a boolean once the modem took
   * it; the network's answer comes as a report. */
  void (*send) (MdModem *modem, const char *text, GTask *task);
  /* Ends the session. Returns a boolean. */
  MdModemOp cancel;
} MdModemUssdOps;

typedef struct {
  /* Returns a GStrv of the unique ids of the firmware images the modem
   * stores, the running one first. NULL op: only the running firmware is
   * known, named by the modem's revision. */
  MdModemOp load_images;
} MdModemFirmwareOps;

/* A context stored in the modem (Modem3gpp.ProfileManager). */
typedef struct {
  gint id;         /* the modem's context id; -1: not stored yet */
  char *apn;       /* never NULL once stored ("" for none) */
  guint32 ip_type; /* one MdBearerIpFamily; NONE: the modem's default */
} MdProfile;

MdProfile *md_profile_copy (const MdProfile *profile);
void md_profile_free (MdProfile *profile);
/* The lowest id in 1..max that no profile in profiles (MdProfile*) has,
 * or -1 when all are taken: where a new profile goes. */
gint md_profiles_lowest_free_id (GPtrArray *profiles, gint max);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdProfile, md_profile_free)

typedef struct {
  /* Returns a GPtrArray of MdProfile* (with free func), in the modem's
   * order. */
  MdModemOp list;
  /* Stores profile, in a free slot when its id is -1. Returns the
   * MdProfile* stored (md_profile_free). */
  void (*set) (MdModem *modem, const MdProfile *profile, GTask *task);
  /* Returns a boolean; an id the modem does not store fails with
   * MD_CORE_ERROR_NOT_FOUND. NULL: the protocol cannot delete. */
  void (*delete) (MdModem *modem, gint id, GTask *task);
} MdModemProfileOps;

typedef struct {
  guint64 rx_bytes;
  guint64 tx_bytes;
} MdTraffic;

/* The value of MdModemSmsOps.load_storages: read (listed, read) in the low
 * 16 bits, usable (stored in and received into) in the next 16. */
#define MD_SMS_STORAGES(read, usable) ((gssize)(((guint32)(usable) << 16) | ((guint32)(read)&0xffff)))

typedef struct {
  /* Installs the handlers for incoming messages and delivery reports (they
   * feed md_modem_sms_take_part), selects the message format and turns the
   * indications on. Returns a boolean. */
  MdModemOp enable;
  /* Turns the indications off. Returns a boolean. */
  MdModemOp disable;
  /* Returns the storages as bits (1 << an MdSmsStorage) in a gssize, made
   * with MD_SMS_STORAGES: those messages are listed and read from, and
   * those a message can be both stored in and received into (published as
   * SupportedStorages, offered to Store and as the default); 0 for the
   * latter means the same as the former. */
  MdModemOp load_storages;
  /* Makes storage the one new messages are received into and stored in.
   * Returns a boolean. */
  void (*set_default_storage) (MdModem *modem, MdSmsStorage storage, GTask *task);
  /* Returns a GPtrArray of MdSmsEntry* (with free func): every part held in
   * storage, each with its index and state. */
  void (*list) (MdModem *modem, MdSmsStorage storage, GTask *task);
  /* Returns the MdSmsEntry* at index in storage (md_sms_entry_free). */
  void (*read) (MdModem *modem, MdSmsStorage storage, guint index, GTask *task);
  /* Returns a boolean. */
  void (*delete_part) (MdModem *modem, MdSmsStorage storage, guint index, GTask *task);
  /* Sending and storing: core (md-modem-sms-parts.c) encodes the message
   * through encode and hands its parts to send_part or store_part one at a
   * time, each once the previous one was answered. */
  /* submit as the parts it goes out in: a GPtrArray (with free func) of the
   * driver's own values, which core only hands back to send_part and
   * store_part. NULL after setting error. Not an async op: no task. */
  GPtrArray *(*encode) (const MdSmsRequest *submit, GError **error);
  /* Sends one part; returns its message reference as a gssize. */
  void (*send_part) (MdModem *modem, gconstpointer part, GTask *task);
  /* Optional: sends the part already at index in storage without handing
   * it over again (AT +CMSS); returns its message reference as a gssize. A
   * refusal in MD_MESSAGE_ERROR or MD_MOBILE_EQUIPMENT_ERROR, or
   * MD_CORE_ERROR_UNSUPPORTED, on the first part makes core send the message
   * with send_part instead. */
  void (*send_stored) (MdModem *modem, MdSmsStorage storage, guint index, GTask *task);
  /* Optional: readies storage once before a message's parts are stored in
   * it. Returns a boolean. */
  void (*store_begin) (MdModem *modem, MdSmsStorage storage, GTask *task);
  /* Stores one part in storage; returns its index there as a gssize. */
  void (*store_part) (MdModem *modem, gconstpointer part, MdSmsStorage storage, GTask *task);
  /* TRUE: enable, set_default_storage and every storage's list may be in
   * flight together (requests answered by transaction, as on QMI); the
   * enable step sends them at once after load_storages. FALSE: one after
   * the other (on AT a storage selection holds until the next). */
  gboolean requests_overlap;
} MdModemSmsOps;

typedef struct {
  /* Each returns a GArray of guint32 MdModemBand values (maybe empty). */
  MdModemOp load_supported_bands;
  MdModemOp load_current_bands;
  /* bands: guint32 MdModemBand values, each one the modem supports (never
   * ANY: core expands it). Returns a boolean. */
  void (*set_current_bands) (MdModem *modem, GArray *bands, GTask *task);
} MdModemBandsOps;

typedef struct {
  const MdModemInitOps *init;
  const MdModemSimOps *sim;
  const MdModemPowerOps *power;
  const MdModemNetregOps *netreg;
  const MdModemBearerOps *bearer;
  const MdModemSignalOps *signal;
  const MdModemTimeOps *time;
  const MdModemLocationOps *location;
  const MdModemUssdOps *ussd;
  const MdModemFirmwareOps *firmware;
  const MdModemProfileOps *profiles;
  const MdModemSmsOps *sms; /* NULL: no Messaging interface */
  const MdModemBandsOps *bands;
} MdModemOps;

G_END_DECLS
