/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Modems and non-modems laid out in a fake sysfs tree (fake-sysfs.h), as
 * the kernel shows them: USB devices with interfaces and drivers, a PCIe
 * WWAN card, a platform UART. Paths are relative to sys/devices. */
#pragma once

#include "fake-sysfs.h"

#define FAKE_OPTION_USB  "pci0000:00/0000:00:14.0/usb1/1-2"
#define FAKE_MBIM_USB    "pci0000:00/0000:00:14.0/usb1/1-3"
#define FAKE_FTDI_USB    "pci0000:00/0000:00:14.0/usb1/1-5"
#define FAKE_ARDUINO_USB "pci0000:00/0000:00:14.0/usb1/1-6"
#define FAKE_PCIE        "pci0000:00/0000:00:1c.0/0000:01:00.0"

/* A USB device at path with vendor/product ids and descriptor strings. */
void fake_usb_device (FakeSysfs *fs, const char *path, const char *vid, const char *pid,
                      const char *manufacturer, const char *product, guint n_interfaces);
/* Interface <path>:1.<number> of class (two hex digits) bound to driver. */
char *fake_usb_interface (FakeSysfs *fs, const char *usb_path, guint number, const char *class,
                          const char *driver);
/* ttyUSB<n> of a usb-serial driver below interface number of usb_path. */
void fake_usb_serial_tty (FakeSysfs *fs, const char *usb_path, guint number, const char *serial_driver,
                          const char *name);
/* A tty directly below the interface (cdc_acm style). */
void fake_acm_tty (FakeSysfs *fs, const char *usb_path, guint number, const char *name);
void fake_cdc_wdm (FakeSysfs *fs, const char *usb_path, guint number, const char *name);
void fake_usb_net (FakeSysfs *fs, const char *usb_path, guint number, const char *name);

/* Three option ttys (ttyUSB0-2) on three interfaces of FAKE_OPTION_USB. */
void fake_option_modem (FakeSysfs *fs);
/* cdc_mbim control interface 12 with cdc-wdm0 and net wwan0, data 13. */
void fake_mbim_modem (FakeSysfs *fs, gboolean with_net);
/* PCIe card: wwan0mbim0, wwan0at0 (wwan class) and net wwan0 (mhi_net). */
void fake_pcie_modem (FakeSysfs *fs);
void fake_ftdi (FakeSysfs *fs);
void fake_arduino (FakeSysfs *fs);
