/** Every intrinsic that needs the OS (the calling process, namespaces, the console). */
import { type Intrinsic } from '../../lonala/index.js';
import { langIntrinsics } from './lang.js';
import { namespaceIntrinsics } from './namespaces.js';
import { runtimeIntrinsics } from './runtime.js';
import { ioIntrinsics } from './io.js';
import { processIntrinsics } from './processes.js';
import { processInfoIntrinsics } from './process-info.js';
import { breakpointIntrinsics } from './breakpoints.js';
import { inspectionIntrinsics } from './inspection.js';
import { realmIntrinsics } from './realms.js';
import { regionIntrinsics } from './regions.js';
import { capIntrinsics } from './caps.js';
import { memoryIntrinsics } from './memory.js';
import { notificationIntrinsics } from './notifications.js';
import { atomIntrinsics } from './atoms.js';
import { randomIntrinsics } from './random.js';

export const osIntrinsics: Intrinsic[] = [...langIntrinsics, ...namespaceIntrinsics, ...runtimeIntrinsics, ...ioIntrinsics, ...processIntrinsics, ...processInfoIntrinsics, ...breakpointIntrinsics, ...inspectionIntrinsics, ...realmIntrinsics, ...regionIntrinsics, ...capIntrinsics, ...memoryIntrinsics, ...notificationIntrinsics, ...atomIntrinsics, ...randomIntrinsics];
