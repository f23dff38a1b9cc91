// electron-vite emits the worker as its own chunk and gives its path; the built worker runs in plain Node too.
import workerPath from './bar-check-worker?modulePath'

export default workerPath
