/** Host names on the simulated network besides the nodes (kept apart so views need not import the controller). */
export const CONTROLLER_HOST = 'controller';
/** kvrocks-controller's default HTTP port. */
export const CONTROLLER_ADDRESS = '127.0.0.1:9379';
