/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The protocol-neutral modem: identity, ports, state and the capability ops
 * a plugin gave it. The D-Bus layer watches it; it never sees D-Bus. */
#pragma once

#include <gio/gio.h>

#include "md-enums.h"
#include "md-modem-ops.h"
#include "md-port.h"
#include "md-sim.h"

G_BEGIN_DECLS

#define MD_TYPE_MODEM (md_modem_get_type ())
G_DECLARE_FINAL_TYPE (MdModem, md_modem, MD, MODEM, GObject)

typedef struct {
  char *name; /* "ttyUSB2", "cdc-wdm0", "wwan0" */
  MdModemPortType type;
} MdModemPort;

typedef struct {
  char *manufacturer;
  char *model;
  char *revision;
  char *hardware_revision;
  char *equipment_identifier; /* IMEI, ESN or MEID */
  char *ati;                  /* the reply to ATI, for the device identifier; NULL: none */
} MdModemIdentity;

void md_modem_identity_free (MdModemIdentity *identity);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdModemIdentity, md_modem_identity_free)

/* Registration domains a 3GPP modem reports separately (+CREG, +CGREG,
 * +CEREG, +C5GREG); the published state is the best of them. */
typedef enum {
  MD_REG_DOMAIN_CS,
  MD_REG_DOMAIN_PS,
  MD_REG_DOMAIN_EPS,
  MD_REG_DOMAIN_5GS,
  MD_REG_DOMAIN_COUNT,
} MdRegDomain;

typedef struct {
  guint32 lac;
  guint32 tac;
  guint64 cell_id;
} MdCellLocation;

/* uid: the physical device (a sysfs path or Test.SetProfile's id). */
MdModem *md_modem_new (guint id, const char *uid, const char *plugin, const char *const *drivers,
                       const MdModemOps *ops);

guint md_modem_get_id (MdModem *self);
/* "modem3": the tag that names this modem in logs. */
const char *md_modem_get_log_name (MdModem *self);
const char *md_modem_get_uid (MdModem *self);
const char *md_modem_get_plugin (MdModem *self);
const char *const *md_modem_get_drivers (MdModem *self);
const MdModemOps *md_modem_get_ops (MdModem *self);

/* Ports: the first one added of the highest-priority control type becomes
 * primary unless set explicitly. */
void md_modem_add_port (MdModem *self, const char *name, MdModemPortType type);
/* Drops the port named name from Ports (the primary port stays as it is);
 * FALSE when the modem has no such port. */
gboolean md_modem_remove_port (MdModem *self, const char *name);
const MdModemPort *md_modem_get_ports (MdModem *self, guint *n_ports);
void md_modem_set_primary_port (MdModem *self, const char *name);
const char *md_modem_get_primary_port (MdModem *self);

const MdModemIdentity *md_modem_get_identity (MdModem *self);
void md_modem_take_identity (MdModem *self, MdModemIdentity *identity);

/* --- the physical device (md-modem-device.c) --- */
/* Discovery sets these before initialization: the USB (or PCI) vendor and
 * product ids of the physical device (0: unknown), and the device's own
 * names (USB manufacturer and product strings; NULL: none). */
void md_modem_set_device_ids (MdModem *self, guint16 vendor_id, guint16 product_id);
guint16 md_modem_get_vendor_id (MdModem *self);
guint16 md_modem_get_product_id (MdModem *self);
void md_modem_set_device_names (MdModem *self, const char *manufacturer, const char *product);
const char *md_modem_get_device_manufacturer (MdModem *self);
const char *md_modem_get_device_product (MdModem *self);
/* Manufacturer and Model as published: the protocol's, or the device's
 * names where the protocol gave none; "" when neither is known. */
const char *md_modem_get_manufacturer (MdModem *self);
const char *md_modem_get_model (MdModem *self);
/* Modem.DeviceIdentifier as ModemManager computes it (md-device-identifier.h)
 * from the ids and the protocol's identity; NULL until there is one. */
const char *md_modem_get_device_identifier (MdModem *self);

MdModemState md_modem_get_state (MdModem *self);
MdModemStateFailedReason md_modem_get_failed_reason (MdModem *self);
/* The one way to change the state: checks the transition, logs old -> new
 * and emits "state-changed" (old, new, reason), then at once "changed". */
void md_modem_set_state (MdModem *self, MdModemState state, MdModemStateChangeReason reason);
void md_modem_set_failed (MdModem *self, MdModemStateFailedReason reason);
gboolean md_modem_state_transition_valid (MdModemState from, MdModemState to);

MdModemPowerState md_modem_get_power_state (MdModem *self);
void md_modem_set_power_state (MdModem *self, MdModemPowerState power_state);

guint32 md_modem_get_capabilities (MdModem *self);
void md_modem_set_capabilities (MdModem *self, guint32 capabilities);

/* --- SIM and locks (md-modem-sim.c) --- */
MdSim *md_modem_get_sim (MdModem *self);
void md_modem_set_sim (MdModem *self, MdSim *sim);
MdModemLock md_modem_get_unlock_required (MdModem *self);
void md_modem_set_unlock_required (MdModem *self, MdModemLock lock);
/* MdUnlockRetry elements; never NULL. */
GArray *md_modem_get_unlock_retries (MdModem *self);
void md_modem_take_unlock_retries (MdModem *self, GArray *retries);

/* --- 3GPP network (md-modem-3gpp.c) --- */
/* Records one domain's registration and derives the published registration
 * state and, while enabled, the modem state (ENABLED/SEARCHING/REGISTERED). */
void md_modem_update_registration (MdModem *self, MdRegDomain domain, MdModem3gppRegistrationState state,
                                   const MdCellLocation *location, guint32 access_technologies);
MdModem3gppRegistrationState md_modem_get_registration_state (MdModem *self);
MdModem3gppPacketServiceState md_modem_get_packet_service_state (MdModem *self);
/* Sets ENABLED/SEARCHING/REGISTERED from the registration, when the modem
 * is enabled and not in a connection flow. */
void md_modem_follow_registration (MdModem *self);
/* ENABLED, SEARCHING or REGISTERED, as the registration says. */
MdModemState md_modem_registration_target_state (MdModem *self);
gboolean md_modem_is_registered (MdModem *self);
const MdCellLocation *md_modem_get_location (MdModem *self);
void md_modem_set_operator (MdModem *self, const char *code, const char *name);
const char *md_modem_get_operator_code (MdModem *self);
const char *md_modem_get_operator_name (MdModem *self);
void md_modem_set_access_technologies (MdModem *self, guint32 access_technologies);
guint32 md_modem_get_access_technologies (MdModem *self);
void md_modem_set_signal_quality (MdModem *self, guint quality, gboolean recent);
/* A fresh value could not be read: the last one stays, and stops being
 * recent MD_SIGNAL_RECENT_US after it was read (ModemManager: 60 s). */
#define MD_SIGNAL_RECENT_US (60 * G_USEC_PER_SEC)
void md_modem_age_signal_quality (MdModem *self);
guint md_modem_get_signal_quality (MdModem *self, gboolean *recent);
void md_modem_set_facility_locks (MdModem *self, guint32 locks);
guint32 md_modem_get_facility_locks (MdModem *self);
void md_modem_set_eps_ue_mode (MdModem *self, MdModem3gppEpsUeModeOperation mode);
MdModem3gppEpsUeModeOperation md_modem_get_eps_ue_mode (MdModem *self);
void md_modem_take_own_numbers (MdModem *self, GStrv numbers);
const char *const *md_modem_get_own_numbers (MdModem *self);
void md_modem_take_supported_modes (MdModem *self, GArray *modes);
GArray *md_modem_get_supported_modes (MdModem *self);
void md_modem_set_current_modes (MdModem *self, const MdModeCombination *modes);
const MdModeCombination *md_modem_get_current_modes (MdModem *self);
/* Bands: GArrays of guint32 MdModemBand. take: takes bands; set: copies. */
void md_modem_take_supported_bands (MdModem *self, GArray *bands);
GArray *md_modem_get_supported_bands (MdModem *self);
void md_modem_set_current_bands (MdModem *self, GArray *bands);
GArray *md_modem_get_current_bands (MdModem *self);
void md_modem_set_ip_families (MdModem *self, guint32 families);
guint32 md_modem_get_ip_families (MdModem *self);
/* Forgets what only holds while enabled (registration, operator, signal,
 * access technology), as after a disable. */
void md_modem_reset_network_state (MdModem *self);

/* --- bearers (md-modem-bearers.c) --- */
/* Emit "bearer-added" / "bearer-removed" (MdBearer*). */
void md_modem_add_bearer (MdModem *self, MdBearer *bearer);
/* Adds to the list without "bearer-added": md_modem_announce_bearer emits
 * it later, and does nothing for a bearer not held. One bearer is held at
 * a time; holding another announces the first. Removing a held bearer
 * emits nothing. */
void md_modem_hold_bearer (MdModem *self, MdBearer *bearer);
void md_modem_announce_bearer (MdModem *self, MdBearer *bearer);
void md_modem_remove_bearer (MdModem *self, MdBearer *bearer);
GPtrArray *md_modem_get_bearers (MdModem *self);
/* How many bearers may exist and be connected at once, multiplexed ones
 * included; 1 unless the plugin sets it. */
guint md_modem_get_max_bearers (MdModem *self);
void md_modem_set_max_bearers (MdModem *self, guint max_bearers);
/* How many of those run multiplexed (MaxActiveMultiplexedBearers); the
 * rest are MaxActiveBearers (and MaxBearers, as ModemManager 1.20 sets
 * it). 0 unless the plugin sets it. */
guint md_modem_get_max_multiplexed_bearers (MdModem *self);
void md_modem_set_max_multiplexed_bearers (MdModem *self, guint count);

/* The device went away: pending work fails, the held ports are closed, and
 * "vanished" is emitted once so the owner unexports and drops the modem. */
void md_modem_vanished (MdModem *self);
gboolean md_modem_has_vanished (MdModem *self);
/* Why a modem asks to be rebuilt. */
typedef enum {
  MD_MODEM_REBUILD_SIM_CHANGED,  /* a SIM inserted or removed */
  MD_MODEM_REBUILD_SESSION_LOST, /* the modem closed our control session (it restarted) */
} MdModemRebuildReason;

/* The modem as built no longer matches its device: it vanishes (above)
 * with md_modem_rebuild_requested TRUE, so the owner builds a new modem
 * from the same device's ports; why is logged. */
void md_modem_request_rebuild (MdModem *self, MdModemRebuildReason reason, const char *why);
gboolean md_modem_rebuild_requested (MdModem *self);
/* Meaningful once md_modem_rebuild_requested. */
MdModemRebuildReason md_modem_get_rebuild_reason (MdModem *self);

/* --- port objects, by role (md-modem-ports.c) --- */
/* Holds port (takes a reference) in role; its "vanished" signal makes the
 * modem vanish. Every held port is closed when the modem goes. Publishing
 * the port in Ports is md_modem_add_port's job. */
void md_modem_hold_port (MdModem *self, MdPort *port, MdPortRole role);
/* The first port held in role, or NULL. */
MdPort *md_modem_get_port (MdModem *self, MdPortRole role);
/* Every port held in role, in the order held (a new array). */
GPtrArray *md_modem_get_ports_in_role (MdModem *self, MdPortRole role);

/* What a "changed" signal (its guint argument) says may have changed. */
typedef enum {
  MD_MODEM_CHANGE_ANY = 0,
  /* Only values that move while the modem runs: state, registration,
   * operator, access technologies, signal quality and extended signal,
   * location, network time. Not ports, capabilities, unlock retries,
   * supported modes or bands, whose setters emit MD_MODEM_CHANGE_ANY. */
  MD_MODEM_CHANGE_LIVE = 1,
} MdModemChange;

/* Emitted by every setter that changed a published value ("changed"), so
 * observers resynchronise in one place. */
void md_modem_emit_changed (MdModem *self);
/* The same, by the setters of MD_MODEM_CHANGE_LIVE values only. */
void md_modem_emit_live_changed (MdModem *self);

G_END_DECLS
