/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The gate's rules for every method of every interface in introspection/:
 * the polkit action ModemManager checks for it (none where ModemManager
 * checks none) and whether modemd implements it yet. */
#include "md-dbus-gate.h"

#define IFACE  "org.freedesktop.ModemManager1"
#define DEVICE MD_ACTION_DEVICE_CONTROL

static const MdDbusGateRule manager_rules[] = {
  { "ScanDevices", MD_ACTION_CONTROL, TRUE },
  { "SetLogging", MD_ACTION_CONTROL, TRUE },
  { "ReportKernelEvent", MD_ACTION_CONTROL, TRUE },
  { "InhibitDevice", MD_ACTION_CONTROL, FALSE },
  { NULL },
};

/* Root-only at the bus (data/org.freedesktop.ModemManager1.conf). */
static const MdDbusGateRule test_rules[] = {
  { "SetProfile", NULL, TRUE },
  { NULL },
};

static const MdDbusGateRule modem_rules[] = {
  { "Enable", DEVICE, TRUE },
  { "ListBearers", NULL, TRUE },
  { "CreateBearer", DEVICE, TRUE },
  { "DeleteBearer", DEVICE, TRUE },
  { "Reset", DEVICE, FALSE },
  { "FactoryReset", DEVICE, FALSE },
  { "SetPowerState", DEVICE, TRUE },
  { "SetCurrentCapabilities", DEVICE, FALSE },
  { "SetCurrentModes", DEVICE, TRUE },
  { "SetCurrentBands", DEVICE, TRUE },
  { "SetPrimarySimSlot", DEVICE, FALSE },
  { "GetCellInfo", DEVICE, FALSE },
  { "Command", DEVICE, FALSE },
  { NULL },
};

static const MdDbusGateRule modem3gpp_rules[] = {
  { "Register", DEVICE, TRUE },
  { "Scan", DEVICE, TRUE },
  { "SetEpsUeModeOperation", DEVICE, FALSE },
  { "SetInitialEpsBearerSettings", DEVICE, FALSE },
  { "SetNr5gRegistrationSettings", DEVICE, FALSE },
  { "DisableFacilityLock", DEVICE, FALSE },
  { "SetPacketServiceState", DEVICE, FALSE },
  { "SetCarrierLock", DEVICE, FALSE },
  { NULL },
};

static const MdDbusGateRule ussd_rules[] = {
  { "Initiate", MD_ACTION_USSD, TRUE },
  { "Respond", MD_ACTION_USSD, TRUE },
  { "Cancel", MD_ACTION_USSD, TRUE },
  { NULL },
};

static const MdDbusGateRule profile_manager_rules[] = {
  { "List", DEVICE, TRUE },
  { "Set", DEVICE, TRUE },
  { "Delete", DEVICE, TRUE },
  { NULL },
};

static const MdDbusGateRule cdma_rules[] = {
  { "Activate", DEVICE, FALSE },
  { "ActivateManual", DEVICE, FALSE },
  { NULL },
};

static const MdDbusGateRule simple_rules[] = {
  { "Connect", DEVICE, TRUE },
  { "Disconnect", DEVICE, TRUE },
  { "GetStatus", NULL, TRUE },
  { NULL },
};

static const MdDbusGateRule messaging_rules[] = {
  { "List", NULL, TRUE },
  { "Delete", MD_ACTION_MESSAGING, TRUE },
  { "Create", MD_ACTION_MESSAGING, TRUE },
  { "SetDefaultStorage", MD_ACTION_MESSAGING, FALSE },
  { NULL },
};

static const MdDbusGateRule location_rules[] = {
  { "Setup", DEVICE, TRUE },
  { "GetLocation", MD_ACTION_LOCATION, TRUE },
  { "SetSuplServer", DEVICE, FALSE },
  { "InjectAssistanceData", DEVICE, FALSE },
  { "SetGpsRefreshRate", DEVICE, FALSE },
  { NULL },
};

static const MdDbusGateRule signal_rules[] = {
  { "Setup", DEVICE, TRUE },
  { "SetupThresholds", DEVICE, FALSE },
  { NULL },
};

static const MdDbusGateRule time_rules[] = {
  { "GetNetworkTime", MD_ACTION_TIME, TRUE },
  { NULL },
};

static const MdDbusGateRule voice_rules[] = {
  { "ListCalls", NULL, FALSE },
  { "DeleteCall", MD_ACTION_VOICE, FALSE },
  { "CreateCall", MD_ACTION_VOICE, FALSE },
  { "HoldAndAccept", MD_ACTION_VOICE, FALSE },
  { "HangupAndAccept", MD_ACTION_VOICE, FALSE },
  { "HangupAll", MD_ACTION_VOICE, FALSE },
  { "Transfer", MD_ACTION_VOICE, FALSE },
  { "CallWaitingSetup", MD_ACTION_VOICE, FALSE },
  { "CallWaitingQuery", MD_ACTION_VOICE, FALSE },
  { NULL },
};

static const MdDbusGateRule firmware_rules[] = {
  { "List", MD_ACTION_FIRMWARE, TRUE },
  { "Select", MD_ACTION_FIRMWARE, FALSE },
  { NULL },
};

static const MdDbusGateRule sar_rules[] = {
  { "Enable", DEVICE, FALSE },
  { "SetPowerLevel", DEVICE, FALSE },
  { NULL },
};

static const MdDbusGateRule oma_rules[] = {
  { "Setup", DEVICE, FALSE },
  { "StartClientInitiatedSession", DEVICE, FALSE },
  { "AcceptNetworkInitiatedSession", DEVICE, FALSE },
  { "CancelSession", DEVICE, FALSE },
  { NULL },
};

static const MdDbusGateRule sim_rules[] = {
  { "SendPin", DEVICE, TRUE },
  { "SendPuk", DEVICE, TRUE },
  { "EnablePin", DEVICE, TRUE },
  { "ChangePin", DEVICE, TRUE },
  { "SetPreferredNetworks", DEVICE, FALSE },
  { NULL },
};

static const MdDbusGateRule bearer_rules[] = {
  { "Connect", DEVICE, TRUE },
  { "Disconnect", DEVICE, TRUE },
  { NULL },
};

static const MdDbusGateRule sms_rules[] = {
  { "Send", MD_ACTION_MESSAGING, TRUE },
  { "Store", MD_ACTION_MESSAGING, TRUE },
  { NULL },
};

static const MdDbusGateRule call_rules[] = {
  { "Start", MD_ACTION_VOICE, FALSE },           { "Accept", MD_ACTION_VOICE, FALSE },
  { "Deflect", MD_ACTION_VOICE, FALSE },         { "JoinMultiparty", MD_ACTION_VOICE, FALSE },
  { "LeaveMultiparty", MD_ACTION_VOICE, FALSE }, { "Hangup", MD_ACTION_VOICE, FALSE },
  { "SendDtmf", MD_ACTION_VOICE, FALSE },        { NULL },
};

/* Added in ModemManager 1.24, which checks these actions. */
static const MdDbusGateRule cell_broadcast_rules[] = {
  { "List", NULL, FALSE },
  { "Delete", MD_ACTION_CELL_BROADCAST, FALSE },
  { "SetChannels", DEVICE, FALSE },
  { NULL },
};

/* Cbm objects have properties only. */
static const MdDbusGateRule cbm_rules[] = {
  { NULL },
};

static const MdDbusGateTable tables[] = {
  { IFACE, manager_rules },
  { IFACE ".Test", test_rules },
  { IFACE ".Modem", modem_rules },
  { IFACE ".Modem.Modem3gpp", modem3gpp_rules },
  { IFACE ".Modem.Modem3gpp.Ussd", ussd_rules },
  { IFACE ".Modem.Modem3gpp.ProfileManager", profile_manager_rules },
  { IFACE ".Modem.ModemCdma", cdma_rules },
  { IFACE ".Modem.Simple", simple_rules },
  { IFACE ".Modem.Messaging", messaging_rules },
  { IFACE ".Modem.Location", location_rules },
  { IFACE ".Modem.Signal", signal_rules },
  { IFACE ".Modem.Time", time_rules },
  { IFACE ".Modem.Voice", voice_rules },
  { IFACE ".Modem.Firmware", firmware_rules },
  { IFACE ".Modem.Sar", sar_rules },
  { IFACE ".Modem.Oma", oma_rules },
  { IFACE ".Sim", sim_rules },
  { IFACE ".Bearer", bearer_rules },
  { IFACE ".Sms", sms_rules },
  { IFACE ".Call", call_rules },
  { IFACE ".Modem.CellBroadcast", cell_broadcast_rules },
  { IFACE ".Cbm", cbm_rules },
  { NULL },
};

const MdDbusGateTable *
md_dbus_gate_tables (void)
{
  return tables;
}

const MdDbusGateTable *
md_dbus_gate_table_lookup (const char *interface)
{
  for (const MdDbusGateTable *table = tables; interface && table->interface; table++) {
    if (g_str_equal (table->interface, interface))
      return table;
  }
  return NULL;
}

const MdDbusGateRule *
md_dbus_gate_rule_lookup (const MdDbusGateTable *table, const char *method)
{
  for (const MdDbusGateRule *rule = table ? table->rules : NULL; rule && rule->method && method; rule++) {
    if (g_str_equal (rule->method, method))
      return rule;
  }
  return NULL;
}
