/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The instance structure of MdModem, shared by the files that implement its
 * parts (md-modem.c, md-modem-3gpp.c, md-modem-sim.c, md-modem-device.c).
 * Nothing else may include this. */
#pragma once

#include "md-modem-operation.h"
#include "md-modem-sim-presence.h"
#include "md-modem.h"
#include "md-sms-list.h"

typedef struct _MdModemSignalState MdModemSignalState;
typedef struct _MdModemUssdState MdModemUssdState;

struct _MdModem {
  GObject parent;

  guint id;
  char *log_name;
  char *uid;
  char *plugin;
  GStrv drivers;
  const MdModemOps *ops;

  GArray *ports; /* MdModemPort */
  char *primary_port;

  MdModemIdentity *identity;
  guint16 vendor_id;
  guint16 product_id;
  char *device_manufacturer;
  char *device_product;
  char *device_identifier;
  MdModemState state;
  MdModemStateFailedReason failed_reason;
  MdModemPowerState power_state;
  guint32 capabilities;
  gboolean vanished;
  gboolean rebuild_requested; /* vanished so that the owner builds it again */
  MdModemRebuildReason rebuild_reason;

  /* SIM */
  MdSim *sim;
  MdModemLock unlock_required;
  GArray *unlock_retries;     /* MdUnlockRetry */
  MdSimPresence sim_presence; /* md-modem-sim-presence.c */
  guint sim_check_source;     /* the next periodic card check */
  gboolean sim_check_started; /* periodic card checks started */

  /* 3GPP network */
  MdModem3gppRegistrationState registration[MD_REG_DOMAIN_COUNT];
  MdModem3gppRegistrationState registration_state;
  gboolean operator_read_pending; /* a new home/roaming state waits for it (md-modem-3gpp.c) */
  MdModem3gppPacketServiceState packet_service_state; /* while disabled */
  MdCellLocation location;
  char *operator_code;
  char *operator_name;
  guint32 access_technologies;
  guint signal_quality;
  gboolean signal_recent;
  gint64 signal_updated_us; /* monotonic time of the last fresh value */
  guint32 facility_locks;
  MdModem3gppEpsUeModeOperation eps_ue_mode;
  GStrv own_numbers;
  GArray *supported_modes; /* MdModeCombination */
  MdModeCombination current_modes;
  GArray *supported_bands; /* guint32 MdModemBand */
  GArray *current_bands;   /* guint32 MdModemBand */
  guint32 ip_families;

  guint poll_source;
  guint poll_interval_s;
  guint registration_timeout_s; /* Simple.Connect's wait, md-modem-simple.c */
  MdOperationQueue *operations;

  /* Bearers */
  GPtrArray *bearers;    /* MdBearer* */
  MdBearer *held_bearer; /* in bearers, not yet announced (md_modem_hold_bearer) */
  guint max_bearers;     /* 0: the default of one */
  guint max_multiplexed_bearers;

  GArray *held_ports; /* MdHeldPort, see md-modem-ports.c */

  MdModemSignalState *signal_state;   /* md-modem-signal.c; NULL until used */
  MdNetworkTimezone network_timezone; /* md-modem-time.c */
  guint32 location_enabled;           /* md-modem-location.c */
  gboolean location_signals;
  gboolean location_setup_done;
  MdModemUssdState *ussd; /* md-modem-ussd.c; NULL until used */
  /* Messaging (md-modem-sms.c) */
  MdSmsList *sms_list;       /* created on first use */
  guint32 sms_storages;      /* 1 << MdSmsStorage: SupportedStorages */
  guint32 sms_read_storages; /* 1 << MdSmsStorage: listed at enable */
  MdSmsStorage sms_default_storage;
};

void md_modem_private_update_device_identifier (MdModem *self);
void md_modem_private_finalize_device (MdModem *self);
void md_modem_private_init_3gpp (MdModem *self);
void md_modem_private_finalize_3gpp (MdModem *self);
void md_modem_private_init_ports (MdModem *self);
void md_modem_private_finalize_ports (MdModem *self);
/* Closes every held port, keeping it held: a vanished modem hears no more
 * reports, and its sessions' closes start at once (md-port-closing.h). */
void md_modem_private_close_ports (MdModem *self);
void md_modem_private_finalize_signal (MdModem *self);
void md_modem_private_finalize_ussd (MdModem *self);
