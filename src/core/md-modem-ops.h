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
   * md_modem_update_registration(). Returns a boolean. */
  MdModemOp poll_registration;
  /* Returns an MdNetwork* of the current operator (code and name). */
  MdModemOp load_operator;
  /* Returns a boolean; operator_id NULL or "" means automatic. */
  void (*register_network) (MdModem *modem, const char *operator_id, GTask *task);
  /* Returns a GPtrArray of MdNetwork* (with free func). */
  MdModemOp scan;
  /* Returns the signal quality in percent (0-100) as a gssize, or fails. */
  MdModemOp load_signal_quality;
  /* Returns the MdModemAccessTechnology bits, as a gssize. */
  MdModemOp load_access_technologies;
} MdModemNetregOps;

typedef struct {
  /* Connects bearer; returns a boolean after it filled the bearer's
   * connection details (md_bearer_set_connected). */
  void (*connect) (MdModem *modem, MdBearer *bearer, GCancellable *cancellable, GTask *task);
  /* Returns a boolean. */
  void (*disconnect) (MdModem *modem, MdBearer *bearer, GTask *task);
} MdModemBearerOps;

typedef struct {
  /* Installs the handlers for incoming messages and delivery reports (they
   * feed md_modem_sms_take_part), selects the message format and turns the
   * indications on. Returns a boolean. */
  MdModemOp enable;
  /* Turns the indications off. Returns a boolean. */
  MdModemOp disable;
  /* Returns the storages messages can be read from, as bits (1 << an
   * MdSmsStorage) in a gssize. */
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
  /* Sends submit, split into as many parts as it needs; returns a GArray of
   * guint, the message reference of each part in order. */
  void (*send) (MdModem *modem, const MdSmsRequest *submit, GTask *task);
  /* Stores submit in storage; returns a GArray of guint, the index of each
   * part in order. */
  void (*store) (MdModem *modem, const MdSmsRequest *submit, MdSmsStorage storage, GTask *task);
} MdModemSmsOps;

typedef struct {
  const MdModemInitOps *init;
  const MdModemSimOps *sim;
  const MdModemPowerOps *power;
  const MdModemNetregOps *netreg;
  const MdModemBearerOps *bearer;
  const MdModemSmsOps *sms; /* NULL: no Messaging interface */
} MdModemOps;

G_END_DECLS
