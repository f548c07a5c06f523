/* SPDX-License-Identifier: GPL-2.0-or-later */
/* umockdev testbed fixtures: modems and non-modems as udev shows them
 * (sysfs, properties, drivers, device nodes backed by ptys), to plug in,
 * unplug and replug. The program must run under the umockdev preload
 * (LD_PRELOAD=libumockdev-preload.so.0 or umockdev-wrapper). Shared with
 * any test that needs emulated hardware. Each call that sends uevents
 * runs the default main context until idle afterwards, so a udev client
 * of this process keeps umockdev's uevent queue (10 datagrams) short. */
#pragma once

#include <umockdev.h>

G_BEGIN_DECLS

/* Every fixture takes props: NULL or "PORT:KEY=VALUE" entries, set as udev
 * properties on port PORT ("*" for every port of the device), e.g.
 * "ttyUSB1:ID_MM_PORT_IGNORE=1", "*:ID_MM_DEVICE_IGNORE=1". */

typedef struct {
  char *sysfs_path; /* the physical device: USB device or PCI function */
  GPtrArray *ports; /* sysfs paths of the port devices, in plug order */
  GPtrArray *nodes; /* device files ("/dev/ttyUSB0") */
} MdTestbedDevice;

void md_testbed_device_free (MdTestbedDevice *device);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdTestbedDevice, md_testbed_device_free)

/* Building blocks. busid names the USB device ("1-2"); every node name
 * must be new to the testbed (umockdev aborts on a re-used one). */
MdTestbedDevice *md_testbed_usb_device (UMockdevTestbed *tb, const char *busid, const char *vid,
                                        const char *pid, const char *manufacturer, const char *product,
                                        guint n_interfaces);
void md_testbed_usb_interface (UMockdevTestbed *tb, MdTestbedDevice *device, guint number, const char *class,
                               const char *driver);
/* A ttyUSB of a usb-serial driver (option1, ftdi_sio, ...). */
void md_testbed_usb_serial_tty (UMockdevTestbed *tb, MdTestbedDevice *device, guint number,
                                const char *serial_driver, const char *name, const char *const *props);
/* A tty directly below the interface (cdc_acm). */
void md_testbed_acm_tty (UMockdevTestbed *tb, MdTestbedDevice *device, guint number, const char *name,
                         const char *const *props);
void md_testbed_cdc_wdm (UMockdevTestbed *tb, MdTestbedDevice *device, guint number, const char *name,
                         const char *const *props);
void md_testbed_usb_net (UMockdevTestbed *tb, MdTestbedDevice *device, guint number, const char *name,
                         const char *const *props);
/* A qmi_wwan net interface in 802.3 framing (qmi/raw_ip N). */
void md_testbed_qmi_wwan_net (UMockdevTestbed *tb, MdTestbedDevice *device, guint number, const char *name,
                              const char *const *props);

/* Whole devices. */
/* cdc_mbim: control interface 12 with cdc-wdm <wdm> and net <net> (no net
 * when net is NULL), data interface 13. Sierra EM7455 ids. */
MdTestbedDevice *md_testbed_mbim_modem (UMockdevTestbed *tb, const char *busid, const char *wdm,
                                        const char *net, const char *const *props);
/* qmi_wwan: interface 8 with cdc-wdm <wdm> and net <net> (raw IP,
 * qmi/raw_ip Y). Sierra MC7455 ids. */
MdTestbedDevice *md_testbed_qmi_modem (UMockdevTestbed *tb, const char *busid, const char *wdm,
                                       const char *net, const char *const *props);
/* Sierra MC7304 (1199:68c0): qmi_wwan interfaces 8, 10, ... each with a
 * cdc-wdm and a net (802.3: qmi/raw_ip N); names: cdc-wdm, net, cdc-wdm,
 * net ..., NULL, in interface order. */
MdTestbedDevice *md_testbed_qmi_pairs_modem (UMockdevTestbed *tb, const char *busid, const char *const *names,
                                             const char *const *props);
/* Three option ttys ttyUSB<first>..ttyUSB<first+2> on interfaces 0-2. */
MdTestbedDevice *md_testbed_option_modem (UMockdevTestbed *tb, const char *busid, guint first,
                                          const char *const *props);
/* Quectel EC25 (USB 2c7c:0125) with four option ttys ttyUSB<first>..
 * ttyUSB<first+3> on interfaces 0-3 (ModemManager's rules type them QCDM,
 * GPS, AT primary, AT secondary), without its QMI interface. */
MdTestbedDevice *md_testbed_quectel_modem (UMockdevTestbed *tb, const char *busid, guint first,
                                           const char *const *props);
/* PCIe card (MHI): wwan<n>mbim0 and wwan<n>at0 of wwan<n>, net wwan<n>. */
MdTestbedDevice *md_testbed_pcie_modem (UMockdevTestbed *tb, const char *slot, guint n,
                                        const char *const *props);
/* An MBIM modem whose cdc_acm interfaces 2 and 4 add AT ttys acm0, acm1;
 * Quectel ids (USB 2c7c:0125), so the quectel plugin builds it. */
MdTestbedDevice *md_testbed_mbim_at_modem (UMockdevTestbed *tb, const char *busid, const char *wdm,
                                           const char *net, const char *acm0, const char *acm1,
                                           const char *const *props);
/* FTDI FT232R USB-serial adapter: one ftdi_sio ttyUSB. */
MdTestbedDevice *md_testbed_ftdi (UMockdevTestbed *tb, const char *busid, const char *tty);
/* Arduino Uno: cdc_acm ttyACM declaring the AT-command protocol. */
MdTestbedDevice *md_testbed_arduino (UMockdevTestbed *tb, const char *busid, const char *tty);

/* Answers the serial-port ioctls a pty lacks (TIOCEXCL, TIOCNXCL, TIOCM*)
 * on the tty node ("/dev/ttyUSB0") and runs the others on its pty; the
 * fixtures call it for every tty they create. */
void md_testbed_attach_tty_ioctls (UMockdevTestbed *tb, const char *node);

/* Sends "remove" for every port (last first) and the device, then
 * removes it from the testbed. */
void md_testbed_unplug (UMockdevTestbed *tb, MdTestbedDevice *device);

G_END_DECLS
